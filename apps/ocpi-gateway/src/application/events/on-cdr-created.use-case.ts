import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { cdrSchemaFor, parseOcpi } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import { partyKey } from '../../domain/party';
import { MAX_ATTEMPTS, type PushItem } from '../../domain/push-item';
import type { PushQueue } from '../ports/push-queue.port';
import type { SessionStore } from '../ports/session-store.port';
import { InvalidEventError } from './invalid-event.error';
import { sessionQueueKey } from './on-session-event.use-case';

/**
 * CdrCreated -> stored for GET and queued as POST cdrs behind the session's pushes (same queue, so after
 * the final session PATCH). Never lost: the queue is durable and CDR pushes retry until delivered. Never
 * two different CDRs: the queue state remembers the CDR ids it queued, the id comes from billing.
 */
export class OnCdrCreatedUseCase {
  constructor(
    private readonly sessions: SessionStore,
    private readonly queue: PushQueue,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.CdrCreated>): Promise<void> {
    const p = event.payload;
    const parsed = parseOcpi(cdrSchemaFor(p.ocpiVersion), p.cdr, 'cdr');
    if (!parsed.ok) throw new InvalidEventError(`CdrCreated ${p.cdrId}: ${parsed.message}`);
    const cdr = parsed.value;
    await this.sessions.insertCdr({
      cdrId: cdr.id,
      sessionId: p.sessionId,
      ptp: p.ptp,
      cdr,
      lastUpdated: cdr.last_updated,
    });
    await this.queue.enqueue(sessionQueueKey(p.sessionId), partyKey(p.ptp), event.eventId, (state) => {
      const sent = Array.isArray(state['cdrIds']) ? (state['cdrIds'] as string[]) : [];
      if (sent.includes(cdr.id)) return undefined;
      const item: PushItem = {
        id: randomUUID(),
        kind: 'cdr',
        method: 'POST',
        target: { module: 'cdrs', path: '' },
        body: JSON.stringify(cdr),
        attempts: 0,
        maxAttempts: MAX_ATTEMPTS.cdr,
        createdAt: new Date().toISOString(),
      };
      return { items: [item], state: { ...state, cdrIds: [...sent, cdr.id] } };
    });
  }
}
