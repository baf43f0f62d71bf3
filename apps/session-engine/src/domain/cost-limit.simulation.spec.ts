import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import type { MeterSample } from '@tapcharge/contracts';
import { parseTariff, priceSession } from '@tapcharge/tariff-engine';
import Decimal from 'decimal.js';
import { DEFAULT_SETTINGS } from './engine-settings';
import type { Session } from './session';
import type { SessionInput } from './session-input';
import { decide, type DecideContext } from './session.decider';
import { tariffCostModel } from './tariff-cost-model';

const DEMO = join(__dirname, '../../../../libs/tariff-engine/test/vectors/demo');
const tariff = (file: string) =>
  JSON.parse(readFileSync(join(DEMO, file), 'utf8')) as Record<string, unknown>;

interface Scenario {
  tariffFile: string;
  limit: string;
  powerW: number;
  intervalS: number;
  latencyS: number;
  /** Charger power multiplies by this after the first 10 minutes (a car ramping up). */
  rampTo?: number;
  /** The car ends the session itself after this long (default: never). */
  evStopsAfterS?: number;
  /**
   * From the fourth sample on, meter values reach the engine this much after they were taken (a backed-up
   * pipeline); the first ones arrive at once.
   */
  deliveryDelayS?: number;
  /** How many samples arrive at once before the delay starts (default 3; 0 = every sample is late). */
  onTimeSamples?: number;
}

/**
 * Runs the decider against a simulated charger in virtual time with the real tariff engine: samples every
 * `intervalS`, the stop takes `latencyS` to land, and the final cost is priced from scratch by priceSession.
 */
function simulate(sc: Scenario): { finalInclVat: Decimal; stoppedBy: string; limit: Decimal } {
  const start = Date.parse('2026-11-24T17:55:00Z');
  const t = tariff(sc.tariffFile);
  const model = new Map<string, ReturnType<typeof tariffCostModel>>();
  let nowMs = start;
  const ctx = (): DecideContext => ({
    now: new Date(nowMs),
    settings: { ...DEFAULT_SETTINGS, defaultStopLatencyS: sc.latencyS },
    costModel: (s: Session) => {
      let m = model.get(s.sessionId);
      if (!m) {
        m = tariffCostModel(s.tariff, s.timeZone);
        m.add(s.samples);
        model.set(s.sessionId, m);
      }
      return m;
    },
    validateTariff: (x, tz) => void tariffCostModel(x, tz),
    stopLatencyS: () => sc.latencyS,
  });
  const apply = (s: Session | undefined, input: SessionInput) => decide(s, input, ctx()).session ?? s;
  let s = apply(undefined, {
    type: 'StartSessionRequested',
    payload: {
      ...SAMPLE_PAYLOADS.StartSessionRequested,
      tariff: t,
      timeZone: 'Europe/Amsterdam',
      limitInclVat: { amount: sc.limit, currency: 'EUR' },
    },
  })!;
  // With every message late (onTimeSamples 0), the start too reaches the engine deliveryDelayS after it happened.
  const startLateMs = sc.onTimeSamples === 0 ? (sc.deliveryDelayS ?? 0) * 1000 : 0;
  s = decide(
    s,
    {
      observedAt: new Date(nowMs).toISOString(),
      type: 'TransactionStarted',
      payload: {
        ...SAMPLE_PAYLOADS.TransactionStarted,
        transactionId: '1',
        meterStartWh: 0,
        startedAt: new Date(nowMs).toISOString(),
        samples: [],
      },
    },
    { ...ctx(), now: new Date(nowMs + startLateMs) },
  ).session!;

  const samples: MeterSample[] = [
    { timestamp: new Date(nowMs).toISOString(), energyWh: 0, context: 'Transaction.Begin' },
  ];
  let wh = 0;
  let stopAtMs: number | undefined;
  let nextSampleMs = nowMs + sc.intervalS * 1000;
  const power = (ms: number) => (sc.rampTo && ms - start > 600_000 ? sc.powerW * sc.rampTo : sc.powerW);
  const advance = (toMs: number) => {
    for (let ms = nowMs; ms < toMs; ms += 1000) wh += (power(ms) * Math.min(1000, toMs - ms)) / 3_600_000;
    nowMs = toMs;
  };
  const inFlight: Array<{ deliverAtMs: number; sample: MeterSample }> = [];
  let taken = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const timer = s.timers.find((x) => x.kind === 'COST_LIMIT' && s.state === 'ACTIVE');
    const timerMs = timer ? Date.parse(timer.dueAt) : Infinity;
    const deliveryMs = inFlight[0]?.deliverAtMs ?? Infinity;
    const next = Math.min(nextSampleMs, timerMs, stopAtMs ?? Infinity, deliveryMs);
    if (next === Infinity) break;
    advance(next);
    if (sc.evStopsAfterS !== undefined && stopAtMs === undefined && nowMs - start >= sc.evStopsAfterS * 1000)
      stopAtMs = nowMs;
    if (stopAtMs !== undefined && nowMs >= stopAtMs) {
      const end = {
        timestamp: new Date(nowMs).toISOString(),
        energyWh: Math.floor(wh),
        context: 'Transaction.End' as const,
      };
      samples.push(end);
      s = apply(s, {
        type: 'TransactionStopped',
        payload: {
          ...SAMPLE_PAYLOADS.TransactionStopped,
          transactionId: '1',
          meterStopWh: end.energyWh,
          stoppedAt: end.timestamp,
          samples: [],
        },
      })!;
      break;
    }
    const before = s.state;
    if (nowMs === timerMs) {
      s = apply(s, { type: 'Timer', payload: { kind: 'COST_LIMIT', dueAt: timer!.dueAt } })!;
    } else if (nowMs === deliveryMs) {
      const { sample } = inFlight.shift()!;
      s = apply(s, {
        // The gateway saw it when it was taken; our own pipeline then held it back.
        observedAt: sample.timestamp,
        type: 'MeterValuesReceived',
        payload: {
          ...SAMPLE_PAYLOADS.MeterValuesReceived,
          samples: [sample],
          receivedAt: new Date(nowMs).toISOString(),
        },
      })!;
    } else {
      const sample: MeterSample = {
        timestamp: new Date(nowMs).toISOString(),
        energyWh: Math.floor(wh),
        powerW: power(nowMs),
        context: 'Sample.Periodic',
      };
      samples.push(sample);
      const delayMs = taken++ >= (sc.onTimeSamples ?? 3) ? (sc.deliveryDelayS ?? 0) * 1000 : 0;
      inFlight.push({ deliverAtMs: nowMs + delayMs, sample });
      nextSampleMs = nowMs + sc.intervalS * 1000;
    }
    if (before === 'ACTIVE' && s.state === 'STOPPING') stopAtMs = nowMs + sc.latencyS * 1000;
    if (nowMs - start > 48 * 3_600_000) throw new Error('simulation ran away');
  }
  const priced = priceSession(parseTariff(t), {
    timeZone: 'Europe/Amsterdam',
    meterSamples: samples.map((x) => ({ timestamp: x.timestamp, energyWh: x.energyWh ?? 0 })),
  });
  return {
    finalInclVat: new Decimal(priced.total.inclVat),
    stoppedBy: s.stop?.reason ?? 'none',
    limit: new Decimal(sc.limit),
  };
}

describe('cost-limit loop against the real tariff engine (virtual time): overshoot 0', () => {
  const tariffs = [
    'simple-per-kwh.tariff.json',
    'kwh-time-parking-time-of-day.tariff.json',
    'flat-step-size.tariff.json',
  ];
  const cases: Array<[string, Scenario]> = [];
  for (const tariffFile of tariffs) {
    for (const [powerW, intervalS, latencyS] of [
      [3_700, 60, 5],
      [11_000, 10, 0],
      [22_000, 30, 3],
      [50_000, 15, 5],
      [150_000, 10, 2],
      [350_000, 10, 5],
    ] as const) {
      cases.push([
        `${tariffFile} ${powerW / 1000} kW every ${intervalS}s, stop latency ${latencyS}s`,
        { tariffFile, limit: '20.00', powerW, intervalS, latencyS },
      ]);
    }
  }
  cases.push([
    'simple-per-kwh ramping 11 -> 33 kW (headroom must hold)',
    {
      tariffFile: 'simple-per-kwh.tariff.json',
      limit: '15.00',
      powerW: 11_000,
      intervalS: 30,
      latencyS: 5,
      rampTo: 1.1,
    },
  ]);

  for (const [powerW, intervalS, deliveryDelayS] of [
    [22_000, 10, 45],
    [150_000, 15, 20],
    [350_000, 30, 50],
  ] as const) {
    cases.push([
      `simple-per-kwh ${powerW / 1000} kW every ${intervalS}s, samples reaching us ${deliveryDelayS}s late`,
      {
        tariffFile: 'simple-per-kwh.tariff.json',
        limit: '30.00',
        powerW,
        intervalS,
        latencyS: 3,
        deliveryDelayS,
      },
    ]);
  }

  cases.push([
    'simple-per-kwh 350 kW every 10s, every sample (also the first) reaching us 60s late',
    {
      tariffFile: 'simple-per-kwh.tariff.json',
      limit: '30.00',
      powerW: 350_000,
      intervalS: 10,
      latencyS: 3,
      deliveryDelayS: 60,
      onTimeSamples: 0,
    },
  ]);

  it.each(cases)('%s', (_name, sc) => {
    const r = simulate(sc);
    expect(r.stoppedBy).toBe('MAX_PRICE');
    expect(r.finalInclVat.lte(r.limit)).toBe(true);
    // ...and not absurdly early: at least 80 % of the money is used.
    expect(r.finalInclVat.div(r.limit).toNumber()).toBeGreaterThan(0.8);
  });

  it('a tariff whose max_price caps it at the limit never needs a stop', () => {
    const r = simulate({
      tariffFile: 'preauthorized-max-price.v230.tariff.json',
      limit: '50.00',
      powerW: 50_000,
      intervalS: 60,
      latencyS: 5,
      evStopsAfterS: 7200,
    });
    expect(r.stoppedBy).toBe('EV_OR_CHARGER');
    expect(r.finalInclVat.lte(r.limit)).toBe(true);
  });
});
