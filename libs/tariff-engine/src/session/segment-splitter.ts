import type { BoundaryClock } from '../restrictions/boundary-clock';

/** A stretch between two meter samples, energy in mWh since session start. */
export interface Segment {
  readonly startMs: number;
  readonly endMs: number;
  readonly startMwh: number;
  readonly endMwh: number;
}

export type PieceSink = (startMs: number, endMs: number, startMwh: number, endMwh: number) => void;

/**
 * Cuts a segment at every point where a restriction may flip, so that each piece can be priced with
 * the restriction state at its start. Energy is spread linearly over time, in whole mWh (half up);
 * a kWh threshold cuts exactly at the threshold energy, at the first millisecond the linear energy
 * reaches it. Deterministic: the batch pricer and the incremental pricer both cut through here.
 */
export function splitSegment(seg: Segment, clock: BoundaryClock, emit: PieceSink): void {
  const { startMs: t0, endMs: t1, startMwh: e0, endMwh: e1 } = seg;
  const dt = t1 - t0;
  const de = e1 - e0;
  let ta = t0;
  let ea = e0;
  for (;;) {
    const timeCut = clock.nextTimeBoundary(ta);
    const threshold = de > 0 ? clock.nextEnergyThreshold(ea) : Infinity;
    const energyCut =
      threshold <= e1 ? (dt === 0 ? t0 : t0 + firstMsReaching(threshold - e0, de, dt)) : Infinity;
    if (timeCut >= t1 && energyCut === Infinity) break;
    if (energyCut <= timeCut) {
      emit(ta, energyCut, ea, threshold);
      ta = energyCut;
      ea = threshold;
    } else {
      const eb = Math.max(ea, e0 + interpolate(de, timeCut - t0, dt));
      emit(ta, timeCut, ea, eb);
      ta = timeCut;
      ea = eb;
    }
  }
  if (ta < t1 || ea < e1) emit(ta, t1, ea, e1);
}

/** round_half_up(de * x / dt), exact for any sizes. */
export function interpolate(de: number, x: number, dt: number): number {
  const product = de * x;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(2 * product + dt)) {
    return Math.floor((2 * product + dt) / (2 * dt));
  }
  return Number((2n * BigInt(de) * BigInt(x) + BigInt(dt)) / (2n * BigInt(dt)));
}

/** Smallest x in (0, dt] with interpolate(de, x, dt) >= k, for 0 < k <= de. */
function firstMsReaching(k: number, de: number, dt: number): number {
  // interpolate >= k  <=>  2*de*x >= (2k-1)*dt
  const num = BigInt(2 * k - 1) * BigInt(dt);
  const den = BigInt(2 * de);
  const x = Number((num + den - 1n) / den);
  return Math.min(Math.max(x, 1), dt);
}
