import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import type { MeterSample, SessionState } from '@tapcharge/contracts';
import Decimal from 'decimal.js';
import type { CostModel } from './cost-model';
import { DEFAULT_SETTINGS } from './engine-settings';
import type { Session } from './session';
import type { SessionInput } from './session-input';
import { decide, idTagOf, remoteStartIdOf, type DecideContext } from './session.decider';

/** A plain per-kWh price with 21 % VAT: enough to drive the state machine; pricing itself is tested in libs/tariff-engine. */
function perKwh(priceExcl: string): CostModel {
  const samples: MeterSample[] = [];
  const incl = new Decimal(priceExcl).mul('1.21');
  const kwh = () =>
    samples.length < 2
      ? new Decimal(0)
      : new Decimal(samples.at(-1)!.energyWh! - samples[0]!.energyWh!).div(1000);
  return {
    add: (xs) => void samples.push(...xs),
    cost: () => ({ exclVat: kwh().mul(priceExcl).toFixed(4), inclVat: kwh().mul(incl).toFixed(4) }),
    budget: (limit, powerW, now) => {
      const sinceLastS = samples.length ? (now.getTime() - Date.parse(samples.at(-1)!.timestamp)) / 1000 : 0;
      const left =
        new Decimal(limit).sub(kwh().mul(incl)).div(incl).mul(1000).toNumber() - (powerW * sinceLastS) / 3600;
      return { energyWh: left, seconds: powerW > 0 ? (left / powerW) * 3600 : Infinity };
    },
  };
}

const T0 = Date.parse('2026-11-24T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function ctx(nowS = 0, overrides: Partial<DecideContext> = {}): DecideContext {
  const models = new Map<string, CostModel>();
  return {
    now: new Date(T0 + nowS * 1000),
    settings: DEFAULT_SETTINGS,
    costModel: (s) => {
      let m = models.get(s.sessionId);
      if (!m) {
        m = perKwh('0.40');
        m.add(s.samples);
        models.set(s.sessionId, m);
      }
      return m;
    },
    validateTariff: () => undefined,
    stopLatencyS: () => 5,
    ...overrides,
  };
}

const start: SessionInput = {
  type: 'StartSessionRequested',
  payload: { ...SAMPLE_PAYLOADS.StartSessionRequested, limitInclVat: { amount: '10.00', currency: 'EUR' } },
};
const started = (id = '42'): SessionInput => ({
  type: 'TransactionStarted',
  payload: {
    ...SAMPLE_PAYLOADS.TransactionStarted,
    transactionId: id,
    meterStartWh: 1000,
    startedAt: at(1),
    samples: [],
  },
});
const meter = (s: number, wh: number, powerW = 11_000): SessionInput => ({
  type: 'MeterValuesReceived',
  payload: {
    ...SAMPLE_PAYLOADS.MeterValuesReceived,
    samples: [{ timestamp: at(s), energyWh: wh, powerW, context: 'Sample.Periodic' }],
    receivedAt: at(s),
  },
});
const stopped = (s = 100, wh = 5000, id = '42'): SessionInput => ({
  type: 'TransactionStopped',
  payload: {
    ...SAMPLE_PAYLOADS.TransactionStopped,
    transactionId: id,
    meterStopWh: wh,
    stoppedAt: at(s),
    samples: [],
  },
});
const completedCmd = (
  kind: 'StartTransaction' | 'StopTransaction',
  status: 'ACCEPTED' | 'REJECTED' | 'TIMEOUT' | 'OFFLINE' | 'ERROR',
): SessionInput => ({
  type: 'StationCommandCompleted',
  payload: { ...SAMPLE_PAYLOADS.StationCommandCompleted, kind, status, completedAt: at(2) },
});
const stopReq: SessionInput = { type: 'StopSessionRequested', payload: SAMPLE_PAYLOADS.StopSessionRequested };

/** Drives a fresh session into a state through real transitions. */
function sessionIn(state: SessionState): Session {
  const c = ctx();
  let s = decide(undefined, start, c).session!;
  const step = (i: SessionInput) => (s = decide(s, i, c).session ?? s);
  if (state === 'STARTING') return s;
  if (state === 'REJECTED') return step(completedCmd('StartTransaction', 'REJECTED'));
  if (state === 'FAILED') return step(completedCmd('StartTransaction', 'TIMEOUT'));
  step(completedCmd('StartTransaction', 'ACCEPTED'));
  s = decide(s, started(), ctx(1)).session!; // the charger's start (at 1 s) reaches us at 1 s
  if (state === 'ACTIVE') return s;
  step({
    type: 'StopSessionRequested',
    payload: { ...SAMPLE_PAYLOADS.StopSessionRequested, responseUrl: undefined },
  });
  if (state === 'STOPPING') return s;
  return step(stopped());
}

describe('session state machine (DESIGN.md §6)', () => {
  const rows: Array<[SessionState | 'none', string, SessionInput, SessionState | 'unchanged', string[]]> = [
    ['none', 'StartSessionRequested', start, 'STARTING', ['StationCommandRequested']],
    [
      'STARTING',
      'start accepted by charger (the result waits for the transaction)',
      completedCmd('StartTransaction', 'ACCEPTED'),
      'STARTING',
      [],
    ],
    [
      'STARTING',
      'start rejected by charger',
      completedCmd('StartTransaction', 'REJECTED'),
      'REJECTED',
      ['CommandResultReady', 'SessionUpdated'],
    ],
    [
      'STARTING',
      'start command timed out',
      completedCmd('StartTransaction', 'TIMEOUT'),
      'FAILED',
      ['CommandResultReady', 'SessionUpdated'],
    ],
    [
      'STARTING',
      'charger offline',
      completedCmd('StartTransaction', 'OFFLINE'),
      'FAILED',
      ['CommandResultReady', 'SessionUpdated'],
    ],
    [
      'STARTING',
      'TransactionStarted',
      started(),
      'ACTIVE',
      ['CommandResultReady', 'SessionStarted', 'StationCommandRequested'],
    ],
    ['STARTING', 'StopSessionRequested (remembered)', stopReq, 'STARTING', []],
    ['STARTING', 'duplicate StartSessionRequested', start, 'unchanged', []],
    ['ACTIVE', 'MeterValuesReceived under the limit', meter(30, 3000), 'ACTIVE', ['SessionUpdated']],
    [
      'ACTIVE',
      'MeterValuesReceived at the limit',
      meter(30, 1000 + 20_640),
      'STOPPING',
      ['MaxPriceReached', 'StationCommandRequested', 'SessionUpdated'],
    ],
    ['ACTIVE', 'StopSessionRequested', stopReq, 'STOPPING', ['StationCommandRequested', 'SessionUpdated']],
    ['ACTIVE', 'TransactionStopped by car', stopped(), 'COMPLETED', ['SessionUpdated', 'SessionCompleted']],
    ['ACTIVE', 'duplicate TransactionStarted', started(), 'ACTIVE', []],
    ['STOPPING', 'stop accepted by charger', completedCmd('StopTransaction', 'ACCEPTED'), 'STOPPING', []],
    [
      'STOPPING',
      'stop rejected by charger (retry armed)',
      completedCmd('StopTransaction', 'REJECTED'),
      'STOPPING',
      [],
    ],
    ['STOPPING', 'StopSessionRequested again', stopReq, 'STOPPING', ['CommandResultReady']],
    ['STOPPING', 'TransactionStopped', stopped(), 'COMPLETED', ['SessionUpdated', 'SessionCompleted']],
    ['COMPLETED', 'late MeterValues (recorded)', meter(200, 9000), 'COMPLETED', []],
    ['COMPLETED', 'duplicate TransactionStopped (recorded)', stopped(), 'COMPLETED', []],
    ['COMPLETED', 'StopSessionRequested', stopReq, 'COMPLETED', ['CommandResultReady']],
    ['REJECTED', 'late TransactionStarted -> stop it', started(), 'REJECTED', ['StationCommandRequested']],
    ['FAILED', 'late TransactionStarted -> stop it', started(), 'FAILED', ['StationCommandRequested']],
    ['FAILED', 'MeterValues (recorded)', meter(30, 3000), 'FAILED', []],
  ];

  it.each(rows)('%s + %s -> %s', (from, _name, input, to, emitted) => {
    const before = from === 'none' ? undefined : sessionIn(from);
    const d = decide(before, input, ctx(50));
    const state = d.session?.state ?? 'unchanged';
    expect(state).toBe(to);
    expect(d.emits.map((e) => e.type)).toEqual(emitted);
  });

  it('records unexpected events instead of throwing', () => {
    const d = decide(sessionIn('COMPLETED'), meter(200, 9000), ctx(50));
    expect(d.session?.unexpected.at(-1)).toMatchObject({ type: 'MeterValuesReceived', inState: 'COMPLETED' });
  });

  it('events of transactions we did not start are ignored', () => {
    expect(decide(undefined, meter(1, 1), ctx())).toEqual({ session: undefined, emits: [] });
  });
});

describe('events that overtake the TransactionStarted (other topics, no cross-topic order)', () => {
  it('meter values received while starting are applied when the start arrives', () => {
    const c = ctx(40);
    let s = decide(sessionIn('STARTING'), meter(30, 1000 + 20_640), c).session!;
    expect(s.state).toBe('STARTING');
    const d = decide(s, started(), c);
    s = d.session!;
    expect(s.samples).toHaveLength(2);
    expect(s.energyWh).toBe(20_640);
    expect(s.state).toBe('STOPPING'); // those samples already reach the limit
    expect(d.emits.map((e) => e.type)).toContain('MaxPriceReached');
  });

  it('a stop received while starting completes the session right after the start', () => {
    const c = ctx(40);
    const s = decide(sessionIn('STARTING'), stopped(20, 1500), c).session!;
    const d = decide(s, started(), c);
    expect(d.session?.state).toBe('COMPLETED');
    expect(d.emits.map((e) => e.type)).toEqual([
      'CommandResultReady',
      'SessionStarted',
      'StationCommandRequested',
      'SessionUpdated',
      'SessionCompleted',
    ]);
    expect(d.session?.energyWh).toBe(500);
  });
});

describe('start', () => {
  it('snapshots the tariff and the limit, and asks the charger to start with a matching idTag and remoteStartId', () => {
    const d = decide(undefined, start, ctx());
    const s = d.session!;
    expect(s.limitInclVat).toEqual({ amount: '10.00', currency: 'EUR' });
    expect(s.tariff).toEqual(SAMPLE_PAYLOADS.StartSessionRequested.tariff);
    expect(d.emits[0]?.payload).toMatchObject({
      stationId: 'CS-001',
      command: {
        kind: 'StartTransaction',
        idTag: idTagOf('S-1'),
        remoteStartId: remoteStartIdOf('S-1'),
        ocppEvseId: 1,
        ocppConnectorId: 1,
      },
    });
    expect(idTagOf('S-1').length).toBeLessThanOrEqual(20);
    expect(s.timers).toEqual([{ kind: 'START_TIMEOUT', dueAt: at(DEFAULT_SETTINGS.startTimeoutS) }]);
  });

  it('rejects a start whose tariff cannot be priced', () => {
    const d = decide(
      undefined,
      start,
      ctx(0, {
        validateTariff: () => {
          throw new Error('no elements');
        },
      }),
    );
    expect(d.session?.state).toBe('REJECTED');
    expect(d.emits[0]).toMatchObject({
      type: 'CommandResultReady',
      payload: { result: 'REJECTED', message: expect.stringContaining('no elements') },
    });
  });

  it('no transaction before the start timeout -> FAILED with CommandResult TIMEOUT', () => {
    const s = sessionIn('STARTING');
    const d = decide(
      s,
      { type: 'Timer', payload: { kind: 'START_TIMEOUT', dueAt: s.timers[0]!.dueAt } },
      ctx(91),
    );
    expect(d.session?.state).toBe('FAILED');
    expect(d.emits.find((e) => e.type === 'CommandResultReady')?.payload).toMatchObject({
      result: 'TIMEOUT',
    });
  });

  it('a stop asked while starting is sent as soon as the transaction starts', () => {
    const c = ctx();
    const s = decide(sessionIn('STARTING'), stopReq, c).session!;
    const d = decide(s, started(), c);
    expect(d.session?.state).toBe('STOPPING');
    expect(
      d.emits.some(
        (e) => e.type === 'StationCommandRequested' && e.payload.command.kind === 'StopTransaction',
      ),
    ).toBe(true);
  });
});

describe('operator soft stop', () => {
  it('sends one more RemoteStop for a session stuck in STOPPING (a PTP stop there sends none)', () => {
    const s = sessionIn('STOPPING');
    const stopsIn = (d: ReturnType<typeof decide>) =>
      d.emits.filter(
        (e) => e.type === 'StationCommandRequested' && e.payload.command.kind === 'StopTransaction',
      );
    const operator = decide(
      s,
      {
        type: 'StopSessionRequested',
        payload: { ...SAMPLE_PAYLOADS.StopSessionRequested, requestedBy: 'OPERATOR' },
      },
      ctx(200),
    );
    expect(stopsIn(operator)).toHaveLength(1);
    expect(operator.session?.stop?.attempts).toBe((s.stop?.attempts ?? 0) + 1);
    const ptp = decide(
      s,
      {
        type: 'StopSessionRequested',
        payload: { ...SAMPLE_PAYLOADS.StopSessionRequested, requestedBy: 'PTP' },
      },
      ctx(200),
    );
    expect(stopsIn(ptp)).toHaveLength(0);
  });
});

describe('cost-limit loop', () => {
  // 0.40 EUR/kWh excl, 0.484 incl: a 10.00 EUR limit buys 20.661 kWh.
  it('arms a timer at the predicted crossing minus latency and margin', () => {
    const s = sessionIn('ACTIVE');
    const d = decide(s, meter(60, 1000 + 10_000, 11_000), ctx(60));
    const timer = d.session?.timers.find((t) => t.kind === 'COST_LIMIT');
    expect(timer).toBeDefined();
    // Budget left 10.661 kWh at 11 kW * 1.15 headroom = 3034 s; minus 7 s.
    const inS = (Date.parse(timer!.dueAt) - (T0 + 60_000)) / 1000;
    expect(inS).toBeCloseTo((10_661.157 / 12_650) * 3600 - 7, 0);
  });

  it('measured timer lateness moves the timer earlier by as much', () => {
    const s = sessionIn('ACTIVE');
    const due = (late: number) => {
      const d = decide(s, meter(60, 1000 + 10_000, 11_000), ctx(60, { schedulingDelayS: () => late }));
      return Date.parse(d.session!.timers.find((t) => t.kind === 'COST_LIMIT')!.dueAt);
    };
    expect(due(0) - due(4)).toBe(4000);
  });

  it('a sample that reaches us late is priced as of now on the charger, not as of its timestamp', () => {
    // Sample at 60 s arrives at once; the one taken at 120 s reaches us at 400 s: 280 s more of 11 kW flowed.
    const s = decide(sessionIn('ACTIVE'), meter(60, 1000 + 10_000, 11_000), ctx(60)).session!;
    const late = decide(s, meter(120, 1000 + 10_183, 11_000), ctx(400)).session!;
    const onTime = decide(s, meter(120, 1000 + 10_183, 11_000), ctx(120)).session!;
    const dueOf = (x: Session) => Date.parse(x.timers.find((t) => t.kind === 'COST_LIMIT')!.dueAt);
    // Both plan the same crossing on the charger's timeline: the late one does not push it back by 280 s.
    expect(Math.abs(dueOf(late) - dueOf(onTime))).toBeLessThan(1000);
  });

  it('the timer stops the session before the next sample would arrive', () => {
    const s = decide(sessionIn('ACTIVE'), meter(60, 1000 + 20_000, 11_000), ctx(60)).session!;
    const timer = s.timers.find((t) => t.kind === 'COST_LIMIT')!;
    const fireAtS = (Date.parse(timer.dueAt) - T0) / 1000;
    const d = decide(s, { type: 'Timer', payload: { kind: 'COST_LIMIT', dueAt: timer.dueAt } }, ctx(fireAtS));
    expect(d.session?.state).toBe('STOPPING');
    expect(d.emits.map((e) => e.type)).toEqual([
      'MaxPriceReached',
      'StationCommandRequested',
      'SessionUpdated',
    ]);
    expect(d.emits[0]?.payload).toMatchObject({ trigger: 'TIMER' });
  });

  it.each([1, 5, 50])(
    'a cost-limit timer that fires %i ms early acts as of its due time (it stops, never re-arms the same due time)',
    (earlyMs) => {
      const s = decide(sessionIn('ACTIVE'), meter(60, 1000 + 20_000, 11_000), ctx(60)).session!;
      const timer = s.timers.find((t) => t.kind === 'COST_LIMIT')!;
      const firedS = (Date.parse(timer.dueAt) - earlyMs - T0) / 1000;
      const d = decide(s, { type: 'Timer', payload: { kind: 'COST_LIMIT', dueAt: timer.dueAt } }, ctx(firedS));
      expect(d.session?.state).toBe('STOPPING');
      expect(d.session?.timers.find((t) => t.kind === 'COST_LIMIT')).toBeUndefined();
      expect(d.emits[0]).toMatchObject({ type: 'MaxPriceReached', payload: { trigger: 'TIMER' } });
    },
  );

  it('a stale timer (superseded by a newer sample) does nothing', () => {
    const s = sessionIn('ACTIVE');
    expect(decide(s, { type: 'Timer', payload: { kind: 'COST_LIMIT', dueAt: at(5) } }, ctx(5)).emits).toEqual(
      [],
    );
  });

  it('retries a stop the charger does not carry out, then flags the session', () => {
    const c = ctx(30);
    let s = decide(sessionIn('ACTIVE'), meter(30, 1000 + 20_660), c).session!;
    expect(s.state).toBe('STOPPING');
    for (let attempt = 2; attempt <= DEFAULT_SETTINGS.maxStopAttempts; attempt++) {
      const t = s.timers.find((x) => x.kind === 'STOP_RETRY')!;
      const d = decide(s, { type: 'Timer', payload: { kind: 'STOP_RETRY', dueAt: t.dueAt } }, c);
      s = d.session!;
      expect(d.emits[0]?.payload).toMatchObject({ commandId: `S-1:stop-${attempt}` });
    }
    const t = s.timers.find((x) => x.kind === 'STOP_RETRY')!;
    const flagged = decide(s, { type: 'Timer', payload: { kind: 'STOP_RETRY', dueAt: t.dueAt } }, c);
    s = flagged.session!;
    expect(s.flaggedForReconciliation).toBe(true);
    expect(s.state).toBe('STOPPING');
    // ...and keeps asking, less and less often (60 s, 120 s, ... at most every 15 minutes).
    expect(flagged.emits.filter((e) => e.type === 'StationCommandRequested')).toHaveLength(1);
    const gaps: number[] = [];
    let firedAt = Date.parse(t.dueAt);
    for (let i = 0; i < 8; i++) {
      const next = s.timers.find((x) => x.kind === 'STOP_RETRY')!;
      gaps.push((Date.parse(next.dueAt) - firedAt) / 1000);
      firedAt = Date.parse(next.dueAt);
      s = decide(
        s,
        { type: 'Timer', payload: { kind: 'STOP_RETRY', dueAt: next.dueAt } },
        ctx((firedAt - T0) / 1000),
      ).session!;
    }
    const r = DEFAULT_SETTINGS.stopRetryS;
    expect(gaps).toEqual([2 * r, 4 * r, 8 * r, 16 * r, 900, 900, 900, 900].map((g) => Math.min(g, 900)));
  });
});
