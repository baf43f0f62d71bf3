import type { LocalTime } from '../time/time-zone';

/**
 * What restrictions are evaluated against, at the start of a priced period (OCPI: a new charging
 * period starts whenever a restriction may flip, so the start state holds for the whole period).
 */
export interface RestrictionContext {
  /** Local calendar position; only needed when the tariff has time/date/weekday restrictions. */
  readonly local: LocalTime | undefined;
  /** Energy delivered in the session before this period, mWh. */
  readonly energyMwh: number;
  /** Wall-clock time since the session (or reservation) started, ms. */
  readonly elapsedMs: number;
  /** Power/current during the period (W, A); an unknown value lets its restrictions pass. */
  readonly minPowerW?: number;
  readonly maxPowerW?: number;
  readonly minCurrentA?: number;
  readonly maxCurrentA?: number;
}
