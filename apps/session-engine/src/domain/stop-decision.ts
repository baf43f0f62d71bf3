/**
 * The cost-limit loop's decision (DESIGN.md §5): given how much more energy and time the budget allows, when
 * must the RemoteStop leave so that the charger has stopped before the cost reaches the limit?
 *
 * The charger keeps delivering for `stopLatency` after we send the stop, possibly at more power than it
 * reported last (a car ramping up), so we plan with a power estimate above the reading (`powerHeadroom`),
 * and stop `margin` seconds early on top. Time-based components count through `budget.seconds`.
 */
export interface StopDecisionInput {
  nowMs: number;
  /** Remaining budget from the tariff engine at the planning power: energy in Wh, time in s (Infinity = none). */
  budget: { energyWh: number; seconds: number };
  /** Power to plan with, in W (already includes headroom). */
  planningPowerW: number;
  /** Measured (or configured) time from sending RemoteStop to the charger's meter stopping, in s. */
  stopLatencyS: number;
  marginS: number;
}

export type StopDecision =
  | { action: 'STOP_NOW'; secondsToLimit: number }
  | { action: 'ARM_TIMER'; atMs: number; secondsToLimit: number }
  | { action: 'NONE' };

export function secondsToLimit(budget: { energyWh: number; seconds: number }, powerW: number): number {
  const byEnergy = powerW > 0 ? (budget.energyWh / powerW) * 3600 : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(byEnergy, budget.seconds));
}

export function decideStop(input: StopDecisionInput): StopDecision {
  const t = secondsToLimit(input.budget, input.planningPowerW);
  if (!Number.isFinite(t)) return { action: 'NONE' };
  const lead = input.stopLatencyS + input.marginS;
  if (t <= lead) return { action: 'STOP_NOW', secondsToLimit: t };
  return { action: 'ARM_TIMER', atMs: input.nowMs + (t - lead) * 1000, secondsToLimit: t };
}

/** Power to plan with: the larger of the last reading and the session's peak, plus headroom. */
export function planningPower(
  lastPowerW: number | undefined,
  maxPowerW: number,
  headroom: number,
  floorW: number,
): number {
  return Math.max(lastPowerW ?? 0, maxPowerW, floorW) * (1 + headroom);
}
