import type { Decimal } from '../money/decimal';
import type { RestrictionContext } from '../restrictions/restriction-context';

/** A stretch of a session with one restriction state, in exact quantities (Wh and seconds). */
export interface PricedPeriod {
  readonly part: 'CHARGING' | 'RESERVATION';
  readonly startMs: number;
  readonly endMs: number;
  readonly ctx: RestrictionContext;
  readonly energyWh: Decimal;
  readonly chargingS: Decimal;
  readonly parkingS: Decimal;
  readonly reservationS: Decimal;
}

/** A session laid out for pricing. */
export interface SessionTimeline {
  readonly periods: readonly PricedPeriod[];
  readonly reservationExpired: boolean;
  readonly startMs: number;
  readonly endMs: number;
}
