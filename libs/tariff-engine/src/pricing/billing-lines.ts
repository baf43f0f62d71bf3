import { Decimal, ZERO } from '../money/decimal';
import type { CompiledComponent, CompiledTariff } from '../restrictions/compiled-tariff';
import { selectComponents, type PricingPart, type Selection } from '../restrictions/component-selector';
import type { PricingOptions } from './session-price.types';
import type { SessionTimeline } from './priced-period';

export type LineKind = 'ENERGY' | 'TIME' | 'PARKING_TIME' | 'FLAT' | 'RESERVATION_TIME' | 'RESERVATION_FLAT';

/** One billed quantity: Wh for ENERGY, seconds for time kinds, 1 for FLAT. */
export interface BillingLine {
  readonly periodIndex: number;
  readonly kind: LineKind;
  readonly component: CompiledComponent;
  readonly quantity: Decimal;
  /** Added by step_size rounding. */
  readonly topUp: boolean;
}

export interface BillingResult {
  readonly lines: readonly BillingLine[];
  /** The selection that priced each period (same order as `timeline.periods`). */
  readonly selections: readonly Selection[];
}

/**
 * Decides what is billed: the active component per period and dimension (OCPI element selection),
 * FLAT once per part (in the first period where one is active; no period, no fee), then step_size once per session on the totals:
 * ENERGY on its own; TIME and PARKING_TIME together, rounding only parking when parking was priced.
 * The rounded-up extra is billed with the last component that priced that dimension.
 */
export function billingLines(
  tariff: CompiledTariff,
  timeline: SessionTimeline,
  options: PricingOptions,
): BillingResult {
  const lines: BillingLine[] = [];
  const selections: Selection[] = [];
  const totals = { ENERGY: ZERO, TIME: ZERO, PARKING_TIME: ZERO, RESERVATION_TIME: ZERO };
  let chargingFlat = false;
  let reservationFlat = false;
  const reservationPart: PricingPart = timeline.reservationExpired ? 'RESERVATION_EXPIRED' : 'RESERVATION';
  const add = (
    periodIndex: number,
    kind: LineKind,
    component: CompiledComponent | undefined,
    quantity: Decimal,
  ) => {
    if (component && quantity.gt(0)) lines.push({ periodIndex, kind, component, quantity, topUp: false });
  };

  timeline.periods.forEach((period, i) => {
    if (period.part === 'RESERVATION') {
      const sel = selectComponents(tariff, period.ctx, reservationPart);
      selections.push(sel);
      if (sel.FLAT && !reservationFlat) {
        reservationFlat = true;
        add(i, 'RESERVATION_FLAT', sel.FLAT, new Decimal(1));
      }
      add(i, 'RESERVATION_TIME', sel.TIME, period.reservationS);
      totals.RESERVATION_TIME = totals.RESERVATION_TIME.plus(period.reservationS);
      return;
    }
    const sel = selectComponents(tariff, period.ctx, 'CHARGING');
    selections.push(sel);
    if (sel.FLAT && !chargingFlat) {
      chargingFlat = true;
      add(i, 'FLAT', sel.FLAT, new Decimal(1));
    }
    add(i, 'ENERGY', sel.ENERGY, period.energyWh);
    add(i, 'TIME', sel.TIME, period.chargingS);
    add(i, 'PARKING_TIME', sel.PARKING_TIME, period.parkingS);
    totals.ENERGY = totals.ENERGY.plus(period.energyWh);
    totals.TIME = totals.TIME.plus(period.chargingS);
    totals.PARKING_TIME = totals.PARKING_TIME.plus(period.parkingS);
  });

  const basis = options.stepSizeBasis ?? 'BILLED';
  const topUps: BillingLine[] = [];
  const roundUp = (kind: LineKind, total: Decimal) => {
    const own = lines.filter((l) => l.kind === kind);
    const last = own[own.length - 1];
    if (!last || last.component.stepSize === 0) return;
    const base = basis === 'BILLED' ? own.reduce((sum, l) => sum.plus(l.quantity), ZERO) : total;
    const rest = base.mod(last.component.stepSize);
    if (rest.gt(0))
      topUps.push({ ...last, quantity: new Decimal(last.component.stepSize).minus(rest), topUp: true });
  };
  roundUp('ENERGY', totals.ENERGY);
  if (lines.some((l) => l.kind === 'PARKING_TIME')) roundUp('PARKING_TIME', totals.PARKING_TIME);
  else roundUp('TIME', totals.TIME);
  roundUp('RESERVATION_TIME', totals.RESERVATION_TIME);
  return { lines: [...lines, ...topUps], selections };
}
