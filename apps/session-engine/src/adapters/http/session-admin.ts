import { randomUUID } from 'node:crypto';
import { createEvent, EVENTS } from '@tapcharge/contracts';
import type { EventSink } from '../../application/ports';
import { OPEN_STATES, type Session } from '../../domain/session';
import { toDetail, toSummary, type SessionDetail, type SessionSummary } from './session-admin.view';

export type SessionAdminErrorCode =
  'SESSION.NOT_FOUND' | 'SESSION.ALREADY_ENDED' | 'SESSION.AMBIGUOUS_REFERENCE' | 'SESSION.INVALID_QUERY';

export class SessionAdminError extends Error {
  constructor(
    readonly code: SessionAdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SessionAdminError';
  }
}

/** Read access to the stored sessions for operators (the engine's own store; never the hot path). */
export interface SessionFinder {
  byAuthorizationReference(authorizationReference: string): Promise<Session[]>;
  /** Newest first. */
  recent(opts: { openOnly: boolean; limit: number }): Promise<Session[]>;
}

export interface StopRequested {
  sessionId: string;
  authorizationReference: string;
  /** The state when the stop was asked; the engine moves it on asynchronously. */
  state: Session['state'];
  requestId: string;
  message: string;
}

const PARTY = /^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/;
export const MAX_LIST = 500;

/**
 * The operator's view of sessions and the operator soft stop. The stop goes through Kafka like a PTP's
 * STOP_SESSION (`StopSessionRequested`, requestedBy OPERATOR), so the engine's one serialised path decides
 * what it means in the session's current state; this class never writes a session itself.
 */
export class SessionAdmin {
  constructor(
    private readonly deps: {
      finder: SessionFinder;
      sink: EventSink;
      now: () => Date;
      producer: string;
    },
  ) {}

  async list(query: { active?: unknown; limit?: unknown }): Promise<SessionSummary[]> {
    const openOnly = flag(query.active, 'active');
    const limit = count(query.limit, 'limit', 100);
    const sessions = await this.deps.finder.recent({ openOnly, limit });
    return sessions.map(toSummary);
  }

  async show(authorizationReference: string, party?: unknown): Promise<SessionDetail> {
    return toDetail(await this.one(authorizationReference, party));
  }

  async requestStop(authorizationReference: string, party?: unknown): Promise<StopRequested> {
    const s = await this.one(authorizationReference, party);
    if (!OPEN_STATES.includes(s.state)) {
      throw new SessionAdminError(
        'SESSION.ALREADY_ENDED',
        `session ${authorizationReference} has already ended (${s.state}${s.endedAt ? ` at ${s.endedAt}` : ''})`,
      );
    }
    const requestId = `operator-${randomUUID()}`;
    const event = createEvent(
      EVENTS.StopSessionRequested,
      {
        sessionId: s.sessionId,
        requestedBy: 'OPERATOR',
        requestId,
        requestedAt: this.deps.now().toISOString(),
      },
      {
        producer: this.deps.producer,
        idDiscriminator: requestId,
        correlationId: s.correlationId,
        authorizationReference: s.authorizationReference,
      },
    );
    await this.deps.sink.publish([event]);
    return {
      sessionId: s.sessionId,
      authorizationReference: s.authorizationReference,
      state: s.state,
      requestId,
      message: stopMessage(s),
    };
  }

  private async one(authorizationReference: string, party: unknown): Promise<Session> {
    if (party !== undefined && (typeof party !== 'string' || !PARTY.test(party))) {
      throw new SessionAdminError('SESSION.INVALID_QUERY', 'party must look like NL-PTP');
    }
    const found = (await this.deps.finder.byAuthorizationReference(authorizationReference)).filter(
      (s) =>
        party === undefined ||
        `${s.ptp.countryCode}-${s.ptp.partyId}`.toUpperCase() === (party as string).toUpperCase(),
    );
    if (found.length === 0) {
      throw new SessionAdminError(
        'SESSION.NOT_FOUND',
        `no session with authorization_reference ${authorizationReference}`,
      );
    }
    if (found.length > 1) {
      // authorization_reference is unique per PTP only (OCPI): two PTPs may use the same one.
      const parties = found.map((s) => `${s.ptp.countryCode}-${s.ptp.partyId}`).join(', ');
      throw new SessionAdminError(
        'SESSION.AMBIGUOUS_REFERENCE',
        `${authorizationReference} is used by several PTPs (${parties}); add ?party=CC-PID`,
      );
    }
    return found[0] as Session;
  }
}

function stopMessage(s: Session): string {
  switch (s.state) {
    case 'ACTIVE':
      return 'stop requested: the engine sends RemoteStop to the charger';
    case 'STOPPING':
      return (
        `the session is already stopping (${s.stop?.attempts ?? 0} RemoteStop(s) sent` +
        `${s.flaggedForReconciliation ? '; the charger did not stop and the session is flagged for reconciliation' : ''}); ` +
        'the engine decides whether to send another'
      );
    default:
      return 'the charger has not started yet: the stop is sent as soon as the transaction starts';
  }
}

/** `?active`, `?active=true` and `?active=false`. */
function flag(value: unknown, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === '' || value === 'true') return true;
  throw new SessionAdminError('SESSION.INVALID_QUERY', `${name} must be true or false`);
}

function count(value: unknown, name: string, def: number): number {
  if (value === undefined) return def;
  const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIST) {
    throw new SessionAdminError('SESSION.INVALID_QUERY', `${name} must be an integer from 1 to ${MAX_LIST}`);
  }
  return n;
}
