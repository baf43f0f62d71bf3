import type { CompiledComponent, CompiledElement, CompiledTariff } from './compiled-tariff';
import type { RestrictionContext } from './restriction-context';
import { matchesRestrictions } from './restriction-matcher';

/** Which part of a session is priced: the session itself, a reservation before it, or a reservation that expired unused. */
export type PricingPart = 'CHARGING' | 'RESERVATION' | 'RESERVATION_EXPIRED';

/** The active component per dimension (absent = that dimension is free right now). */
export interface Selection {
  readonly ENERGY?: CompiledComponent;
  readonly TIME?: CompiledComponent;
  readonly PARKING_TIME?: CompiledComponent;
  readonly FLAT?: CompiledComponent;
}

/**
 * OCPI element selection: per dimension, the first element (in list order) that has a component of
 * that dimension and whose restrictions all hold. Reservation elements price only reservations;
 * for an expired reservation a RESERVATION_EXPIRES element wins over a RESERVATION one.
 */
export function selectComponents(
  tariff: CompiledTariff,
  ctx: RestrictionContext,
  part: PricingPart,
): Selection {
  const selection: { -readonly [K in keyof Selection]: CompiledComponent } = {};
  const passes: ((e: CompiledElement) => boolean)[] =
    part === 'CHARGING'
      ? [(e) => e.reservation === undefined]
      : part === 'RESERVATION'
        ? [(e) => e.reservation === 'RESERVATION']
        : [(e) => e.reservation === 'RESERVATION_EXPIRES', (e) => e.reservation === 'RESERVATION'];
  for (const eligible of passes) {
    for (const element of tariff.elements) {
      if (!eligible(element)) continue;
      const c = element.components;
      const wanted =
        (c.ENERGY && !selection.ENERGY && part === 'CHARGING') ||
        (c.PARKING_TIME && !selection.PARKING_TIME && part === 'CHARGING') ||
        (c.TIME && !selection.TIME) ||
        (c.FLAT && !selection.FLAT);
      if (!wanted) continue;
      if (element.restrictions && !matchesRestrictions(element.restrictions, ctx)) continue;
      if (part === 'CHARGING') {
        selection.ENERGY ??= c.ENERGY;
        selection.PARKING_TIME ??= c.PARKING_TIME;
      }
      selection.TIME ??= c.TIME;
      selection.FLAT ??= c.FLAT;
    }
  }
  return selection;
}
