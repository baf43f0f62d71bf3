import type { TimeZone } from '../time/time-zone';
import type { CompiledTariff } from './compiled-tariff';

/**
 * Knows where, after a given instant or energy, some restriction of the tariff may change value:
 * local times of day (incl. midnight for date/weekday rules and DST jumps) and session-duration
 * thresholds, and kWh thresholds. Caches the last answer: the hot path asks about the same window
 * over and over.
 */
export class BoundaryClock {
  private cachedFrom = Infinity;
  private cachedNext = -Infinity;

  constructor(
    private readonly tariff: CompiledTariff,
    private readonly zone: TimeZone,
    private readonly sessionStartMs: number,
  ) {}

  /** The first instant strictly after `t` at which a time-based restriction may flip (Infinity if none). */
  nextTimeBoundary(t: number): number {
    if (t >= this.cachedFrom && t < this.cachedNext) return this.cachedNext;
    let next = this.tariff.usesLocalTime ? this.zone.nextBoundary(t, this.tariff.boundaryMinutes) : Infinity;
    for (const d of this.tariff.durationThresholdsMs) {
      const at = this.sessionStartMs + d;
      if (at > t) {
        next = Math.min(next, at);
        break;
      }
    }
    this.cachedFrom = t;
    this.cachedNext = next;
    return next;
  }

  /** The smallest kWh threshold (in mWh) strictly above `energyMwh`, or Infinity. */
  nextEnergyThreshold(energyMwh: number): number {
    for (const e of this.tariff.energyThresholdsMwh) if (e > energyMwh) return e;
    return Infinity;
  }
}
