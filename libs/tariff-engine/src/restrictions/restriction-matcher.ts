import type { CompiledRestrictions } from './compiled-tariff';
import type { RestrictionContext } from './restriction-context';

/**
 * Whether all restrictions hold (they are AND-ed). Bounds follow OCPI: min_* inclusive, max_*
 * exclusive, start_time/start_date inclusive, end_time/end_date exclusive. Each restriction is
 * judged on the instant alone, so a weekday list and a window wrapping past midnight are
 * independent (Monday 01:00 matches "MONDAY, 22:00-06:00").
 * For power and current, the period's minimum must reach min_* and its maximum stay below max_*;
 * an unknown power/current lets the restriction pass (a CDR period may omit those dimensions).
 */
export function matchesRestrictions(r: CompiledRestrictions, ctx: RestrictionContext): boolean {
  const local = ctx.local;
  if (local) {
    if (r.window) {
      const m = local.minuteOfDay;
      const { start, end } = r.window;
      if (start < end ? m < start || m >= end : m < start && m >= end) return false;
    }
    if (r.startDate !== undefined && local.dateNum < r.startDate) return false;
    if (r.endDate !== undefined && local.dateNum >= r.endDate) return false;
    if (r.dayMask !== undefined && (r.dayMask & (1 << local.weekday)) === 0) return false;
  }
  if (r.minEnergyMwh !== undefined && ctx.energyMwh < r.minEnergyMwh) return false;
  if (r.maxEnergyMwh !== undefined && ctx.energyMwh >= r.maxEnergyMwh) return false;
  if (r.minDurationMs !== undefined && ctx.elapsedMs < r.minDurationMs) return false;
  if (r.maxDurationMs !== undefined && ctx.elapsedMs >= r.maxDurationMs) return false;
  if (r.minPowerW !== undefined && ctx.minPowerW !== undefined && ctx.minPowerW < r.minPowerW) return false;
  if (r.maxPowerW !== undefined && ctx.maxPowerW !== undefined && ctx.maxPowerW >= r.maxPowerW) return false;
  if (r.minCurrentA !== undefined && ctx.minCurrentA !== undefined && ctx.minCurrentA < r.minCurrentA)
    return false;
  if (r.maxCurrentA !== undefined && ctx.maxCurrentA !== undefined && ctx.maxCurrentA >= r.maxCurrentA)
    return false;
  return true;
}
