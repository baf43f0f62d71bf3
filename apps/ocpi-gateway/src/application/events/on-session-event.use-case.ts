import type { EventEnvelope, SessionSnapshot } from '@tapcharge/contracts';
import { randomUUID } from 'node:crypto';
import { partyKey } from '../../domain/party';
import { MAX_ATTEMPTS, type PushItem } from '../../domain/push-item';
import { sessionPatchOf, toOcpiSession } from '../../domain/session.mapper';
import type { GatewayContext } from '../gateway-context';
import type { PushQueue } from '../ports/push-queue.port';
import type { SessionStore } from '../ports/session-store.port';

export const sessionQueueKey = (sessionId: string) => `session:${sessionId}`;

/**
 * SessionStarted / SessionUpdated / SessionCompleted -> the Session as the PTP sees it (GET) and the push:
 * the first push of a session is a PUT of the full object, later ones PATCH the moving fields. The three
 * events come from different topics, so an older snapshot arriving late is skipped (last_updated).
 */
export class OnSessionEventUseCase {
  constructor(
    private readonly sessions: SessionStore,
    private readonly queue: PushQueue,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(event: EventEnvelope<string, SessionSnapshot>): Promise<void> {
    const snap = event.payload;
    const session = toOcpiSession(snap, this.ctx.cpo, snap.ocpiVersion);
    await this.sessions.upsertSession({
      sessionId: snap.sessionId,
      ptp: snap.ptp,
      session,
      lastUpdated: session.last_updated,
      state: snap.state,
    });
    const path = `${this.ctx.cpo.countryCode}/${this.ctx.cpo.partyId}/${snap.sessionId}`;
    const full = JSON.stringify(session);
    const createdAt = new Date().toISOString();
    await this.queue.enqueue(sessionQueueKey(snap.sessionId), partyKey(snap.ptp), event.eventId, (state) => {
      const last = typeof state['lastUpdated'] === 'string' ? Date.parse(state['lastUpdated']) : -Infinity;
      if (Date.parse(session.last_updated) < last) return undefined;
      const item: PushItem = state['putQueued']
        ? {
            id: randomUUID(),
            kind: 'session',
            method: 'PATCH',
            target: { module: 'sessions', path },
            body: JSON.stringify(sessionPatchOf(session)),
            attempts: 0,
            maxAttempts: MAX_ATTEMPTS.session,
            createdAt,
          }
        : {
            id: randomUUID(),
            kind: 'session',
            method: 'PUT',
            target: { module: 'sessions', path },
            body: full,
            attempts: 0,
            maxAttempts: MAX_ATTEMPTS.session,
            createdAt,
          };
      return {
        items: [item],
        state: { ...state, putQueued: true, lastUpdated: session.last_updated, full, path },
        // a newer PATCH carries every moving field: older unsent PATCHes of this session are superseded
        replacePending: (pending) =>
          item.method === 'PATCH'
            ? pending.filter((i) => !(i.kind === 'session' && i.method === 'PATCH' && i.attempts === 0))
            : pending,
      };
    });
  }
}
