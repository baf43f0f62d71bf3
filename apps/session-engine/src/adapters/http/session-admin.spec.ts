import type { EventEnvelope, SessionState, StopSessionRequestedPayload } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { DEFAULT_SETTINGS } from '../../domain/engine-settings';
import type { Session } from '../../domain/session';
import type { SessionInput } from '../../domain/session-input';
import { decide, type DecideContext } from '../../domain/session.decider';
import { SessionAdmin, SessionAdminError, type SessionFinder } from './session-admin';
import { toDetail } from './session-admin.view';

const NOW = new Date('2026-11-24T10:00:00Z');
const ctx: DecideContext = {
  now: NOW,
  settings: DEFAULT_SETTINGS,
  costModel: () => ({
    add: () => undefined,
    cost: () => ({ exclVat: '1.0000', inclVat: '1.2100' }),
    budget: () => ({ energyWh: Infinity, seconds: Infinity }),
  }),
  validateTariff: () => undefined,
  stopLatencyS: () => 5,
};

/** A session driven into `state` by the real decider, so the views see what the engine stores. */
function sessionIn(
  state: SessionState,
  ref = 'ref-1',
  party = { countryCode: 'NL', partyId: 'PTP' },
): Session {
  const start: SessionInput = {
    type: 'StartSessionRequested',
    payload: { ...SAMPLE_PAYLOADS.StartSessionRequested, authorizationReference: ref, ptp: party },
  };
  const first = decide(undefined, start, ctx).session;
  if (!first) throw new Error('StartSessionRequested created no session');
  let s = first;
  const step = (i: SessionInput) => (s = decide(s, i, ctx).session ?? s);
  if (state === 'STARTING') return s;
  step({
    type: 'StationCommandCompleted',
    payload: { ...SAMPLE_PAYLOADS.StationCommandCompleted, kind: 'StartTransaction', status: 'ACCEPTED' },
  });
  step({
    type: 'TransactionStarted',
    payload: { ...SAMPLE_PAYLOADS.TransactionStarted, meterStartWh: 1000, samples: [] },
  });
  step({
    type: 'MeterValuesReceived',
    payload: {
      ...SAMPLE_PAYLOADS.MeterValuesReceived,
      samples: [{ timestamp: '2026-11-24T10:05:00.000Z', energyWh: 3000, context: 'Sample.Periodic' }],
    },
  });
  if (state === 'ACTIVE') return s;
  step({
    type: 'StopSessionRequested',
    payload: { ...SAMPLE_PAYLOADS.StopSessionRequested, responseUrl: undefined },
  });
  if (state === 'STOPPING') return s;
  return step({
    type: 'TransactionStopped',
    payload: {
      ...SAMPLE_PAYLOADS.TransactionStopped,
      meterStopWh: 5000,
      stoppedAt: '2026-11-24T10:10:00.000Z',
      samples: [],
    },
  });
}

function adminOver(sessions: Session[]) {
  const published: EventEnvelope[] = [];
  const queries: Array<{ openOnly: boolean; limit: number }> = [];
  const finder: SessionFinder = {
    byAuthorizationReference: (ref) =>
      Promise.resolve(sessions.filter((s) => s.authorizationReference === ref)),
    recent: (opts) => (queries.push(opts), Promise.resolve(sessions)),
  };
  const admin = new SessionAdmin({
    finder,
    sink: { publish: (events) => (published.push(...events), Promise.resolve()) },
    now: () => NOW,
    producer: 'session-engine',
  });
  return { admin, published, queries };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err: unknown) => (err instanceof SessionAdminError ? err.code : String(err)),
  );

describe('SessionAdmin (operator API of the session engine)', () => {
  it.each([
    ['ACTIVE', 'RemoteStop'],
    ['STOPPING', 'already stopping'],
    ['STARTING', 'as soon as the transaction starts'],
  ] as const)('publishes an OPERATOR StopSessionRequested for a %s session', async (state, message) => {
    const s = sessionIn(state);
    const { admin, published } = adminOver([s]);
    const r = await admin.requestStop('ref-1');
    expect(r.message).toContain(message);
    expect(published).toHaveLength(1);
    const [event] = published as [EventEnvelope];
    expect(event.type).toBe('StopSessionRequested');
    expect(event.authorizationReference).toBe('ref-1');
    expect(event.correlationId).toBe(s.correlationId);
    const payload = event.payload as StopSessionRequestedPayload;
    expect(payload).toEqual({
      sessionId: s.sessionId,
      requestedBy: 'OPERATOR',
      requestId: r.requestId,
      requestedAt: NOW.toISOString(),
    });
  });

  it('refuses to stop an ended session (SESSION.ALREADY_ENDED) and publishes nothing', async () => {
    const { admin, published } = adminOver([sessionIn('COMPLETED')]);
    expect(await codeOf(admin.requestStop('ref-1'))).toBe('SESSION.ALREADY_ENDED');
    expect(published).toHaveLength(0);
  });

  it('answers SESSION.NOT_FOUND for an unknown reference', async () => {
    const { admin } = adminOver([sessionIn('ACTIVE')]);
    expect(await codeOf(admin.show('nope'))).toBe('SESSION.NOT_FOUND');
    expect(await codeOf(admin.requestStop('nope'))).toBe('SESSION.NOT_FOUND');
  });

  it('asks for the party when two PTPs use the same authorization_reference (unique per PTP in OCPI)', async () => {
    const a = sessionIn('ACTIVE', 'shared', { countryCode: 'NL', partyId: 'PTP' });
    const b = sessionIn('ACTIVE', 'shared', { countryCode: 'DE', partyId: 'PAY' });
    const { admin } = adminOver([a, b]);
    expect(await codeOf(admin.show('shared'))).toBe('SESSION.AMBIGUOUS_REFERENCE');
    expect((await admin.show('shared', 'de-pay')).ptp).toBe('DE-PAY');
    expect(await codeOf(admin.show('shared', 'not a party'))).toBe('SESSION.INVALID_QUERY');
  });

  it.each([
    [{}, { openOnly: false, limit: 100 }],
    [{ active: 'true' }, { openOnly: true, limit: 100 }],
    [{ active: '' }, { openOnly: true, limit: 100 }],
    [
      { active: 'false', limit: '5' },
      { openOnly: false, limit: 5 },
    ],
  ])('reads list query %j as %j', async (query, expected) => {
    const { admin, queries } = adminOver([]);
    await admin.list(query);
    expect(queries).toEqual([expected]);
  });

  it.each([{ active: 'yes' }, { limit: '0' }, { limit: '501' }, { limit: 'ten' }])(
    'refuses list query %j (SESSION.INVALID_QUERY)',
    async (query) => {
      expect(await codeOf(adminOver([]).admin.list(query))).toBe('SESSION.INVALID_QUERY');
    },
  );

  it('shows the whole story of a stopped session: stop reason, attempts, meter summary, price', () => {
    const d = toDetail(sessionIn('COMPLETED'));
    expect(d.state).toBe('COMPLETED');
    expect(d.ocpiStatus).toBe('COMPLETED');
    expect(d.stopReason).toBe('DRIVER');
    expect(d.commands.stop).toMatchObject({ reason: 'DRIVER', attempts: 1, viaPtpCommand: false });
    expect(d.commands.start.remoteStartId).toBeGreaterThan(0);
    expect(d.cost).toEqual({ exclVat: '1.0000', inclVat: '1.2100' });
    expect(d.meter).toMatchObject({ samples: 3, first: { energyWh: 1000 }, last: { energyWh: 5000 } });
    expect(d.ptp).toBe('NL-PTP');
    expect(JSON.stringify(d)).not.toContain('startResponseUrl');
  });
});
