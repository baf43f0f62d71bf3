import type { MeterSample } from '@tapcharge/contracts';

/** Exact running cost of one session and the inverse question: how much more before the limit? */
export interface CostModel {
  /** Adds samples in time order; samples not after the last one are ignored. */
  add(samples: readonly MeterSample[]): void;
  /** Cost so far (decimal strings). */
  cost(): { exclVat: string; inclVat: string };
  /**
   * Continuing from the last sample at `powerW`: how much more energy (Wh) and time (s), counted from `now`,
   * until the cost incl. VAT would exceed `limitInclVat` (Infinity when it never does). Conservative:
   * delivering that much stays at or under the limit. Zero or less: the limit is reached.
   */
  budget(limitInclVat: string, powerW: number, now: Date): { energyWh: number; seconds: number };
}

/** Builds the cost model of a session's tariff; throws a descriptive Error for an invalid tariff. */
export type CostModelFactory = (tariff: Record<string, unknown>, timeZone: string) => CostModel;
