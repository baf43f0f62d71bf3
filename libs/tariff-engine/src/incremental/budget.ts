import { Rational } from '../money/rational';
import type { MeterReading } from '../session/meter-reading';
import type { Amount } from '../pricing/session-price.types';

/** How much more a running session may take before its cost exceeds a limit, at constant power. */
export interface Budget {
  /** The cost at the last sample is already above the limit. */
  readonly limitReached: boolean;
  /** False when the limit is not reached within the search horizon (e.g. max_price below it, or nothing billed at this power). */
  readonly bounded: boolean;
  /** The last millisecond (epoch ms) at which the cost is still within the limit. */
  readonly untilMs: number;
  /** Seconds from `now` to `untilMs` (0 or less: stop now). */
  readonly seconds: number;
  /** Energy (Wh, 1 mWh resolution) that can still be delivered after `now`. */
  readonly energyWh: number;
  /** Session energy (Wh since the first sample) at `untilMs`. */
  readonly sessionEnergyWh: number;
  /** Cost at the last sample. */
  readonly costNow: Amount;
  /** Cost at `untilMs`. */
  readonly costAtLimit: Amount;
}

export interface BudgetOptions {
  /** How far ahead to look, ms (default 48 h). */
  readonly horizonMs?: number;
}

/** What the budget search needs from a running pricer. */
export interface BudgetSubject {
  readonly lastReading: MeterReading | undefined;
  readonly sessionStartMs: number | undefined;
  /** Energy since the first sample, at the last one (mWh). */
  readonly sessionEnergyMwh: number;
  /** Cost incl. VAT after adding `reading` to a copy of the session. */
  probe(reading: MeterReading): { incl: Rational; total: () => Amount };
  /** Instants / session energies (mWh since start) after which a restriction may flip. */
  nextTimeBoundary(t: number): number;
  nextEnergyThreshold(mwh: number): number;
}

export const DEFAULT_HORIZON_MS = 48 * 3_600_000;

/**
 * Energy (whole mWh) delivered in `elapsedMs` at `powerW`, as the budget projects it: the budget
 * holds exactly for the session extended by a sample at that time with that energy.
 */
export function projectedEnergyMwh(powerW: number, elapsedMs: number): number {
  return Math.floor((powerW * elapsedMs) / 3600);
}

/**
 * Finds the largest extension t (ms after the last sample) such that the session, extended by one
 * sample at t with the energy `powerW` delivers meanwhile, costs at most `limit` incl. VAT, while
 * t + 1 ms costs more. Restrictions change only at known boundaries (time of day, duration, kWh),
 * so the search walks those regimes in order and bisects the first one that crosses the limit:
 * the answer is the first crossing, which is what keeps an earlier stop within the limit too.
 */
export function computeBudget(
  subject: BudgetSubject,
  limitInclVat: Rational,
  powerW: number,
  nowMs: number,
  options: BudgetOptions = {},
): Budget {
  const last = subject.lastReading;
  const start = subject.sessionStartMs;
  if (!last || start === undefined)
    throw new Error('SESSION.NO_SAMPLES: add a meter sample before asking for a budget');
  if (!(powerW >= 0) || !Number.isFinite(powerW))
    throw new Error('SESSION.INVALID_POWER: power must be a finite number >= 0');
  const horizon = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const baseMwh = last.mwh;
  const at = (tau: number) =>
    subject.probe({
      t: last.t + tau,
      mwh: baseMwh + projectedEnergyMwh(powerW, tau),
      powerW: undefined,
      currentA: undefined,
      charging: undefined,
    });

  const now = at(0);
  const result = (tau: number, bounded: boolean, reached: boolean, costAt = at(tau)): Budget => {
    const elapsedNow = Math.max(0, Math.min(nowMs - last.t, tau));
    return {
      limitReached: reached,
      bounded,
      untilMs: last.t + tau,
      seconds: (last.t + tau - nowMs) / 1000,
      energyWh: (projectedEnergyMwh(powerW, tau) - projectedEnergyMwh(powerW, elapsedNow)) / 1000,
      sessionEnergyWh: (subject.sessionEnergyMwh + projectedEnergyMwh(powerW, tau)) / 1000,
      costNow: now.total(),
      costAtLimit: costAt.total(),
    };
  };
  if (now.incl.cmp(limitInclVat) > 0) return result(0, true, true, now);

  let lo = 0;
  let costLo = now.incl;
  for (const b of breakpoints(subject, last, powerW, horizon)) {
    const costB = at(b).incl;
    if (costB.cmp(limitInclVat) <= 0) {
      [lo, costLo] = [b, costB];
      continue;
    }
    return result(firstCrossing(lo, costLo, b, costB, at, limitInclVat), true, false);
  }
  return result(horizon, false, false);
}

/**
 * The last ms within the limit in a bracket where cost(lo) <= limit < cost(hi). The cost is close to
 * linear between step_size blocks, so the linear estimate is probed first, then the bracket is
 * narrowed around it by doubling steps, then bisected.
 */
function firstCrossing(
  lo: number,
  costLo: Rational,
  hi: number,
  costHi: Rational,
  at: (tau: number) => { incl: Rational },
  limit: Rational,
): number {
  const within = (tau: number) => at(tau).incl.cmp(limit) <= 0;
  const span = costHi.sub(costLo).approximate();
  const share = span > 0 ? limit.sub(costLo).approximate() / span : 0.5;
  const guess = Math.min(hi - 1, Math.max(lo + 1, lo + Math.round(share * (hi - lo))));
  if (hi - lo > 2) {
    if (within(guess)) {
      lo = guess;
      for (let step = 64; lo + step < hi; step *= 4) {
        if (!within(lo + step)) {
          hi = lo + step;
          break;
        }
        lo += step;
      }
    } else {
      hi = guess;
      for (let step = 64; hi - step > lo; step *= 4) {
        if (within(hi - step)) {
          lo = hi - step;
          break;
        }
        hi -= step;
      }
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Extension lengths (ascending, ending at the horizon) around which the tariff may switch regime. */
function breakpoints(subject: BudgetSubject, last: MeterReading, powerW: number, horizon: number): number[] {
  const points = new Set<number>([horizon]);
  for (let t = subject.nextTimeBoundary(last.t); t - last.t < horizon; t = subject.nextTimeBoundary(t)) {
    points.add(t - last.t);
    if (t - last.t + 1 < horizon) points.add(t - last.t + 1);
  }
  if (powerW > 0) {
    const relative = subject.sessionEnergyMwh;
    for (let e = subject.nextEnergyThreshold(relative); e !== Infinity; e = subject.nextEnergyThreshold(e)) {
      const tau = Math.ceil(((e - relative) * 3600) / powerW);
      if (tau >= horizon) break;
      for (const p of [tau - 1, tau, tau + 1]) if (p > 0 && p < horizon) points.add(p);
    }
  }
  return [...points].sort((a, b) => a - b);
}
