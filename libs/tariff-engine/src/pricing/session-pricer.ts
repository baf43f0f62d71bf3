import { Decimal, ZERO, formatQuantity } from '../money/decimal';
import { compileTariff, type CompiledTariff } from '../restrictions/compiled-tariff';
import type { Selection } from '../restrictions/component-selector';
import { isSamplesSession, type SessionInput } from '../session/session.types';
import { timelineFromPeriods } from '../session/timeline-from-periods';
import { timelineFromSamples } from '../session/timeline-from-samples';
import type { Tariff } from '../tariff/tariff.model';
import { TimeZone } from '../time/time-zone';
import { billingLines, type BillingLine, type LineKind } from './billing-lines';
import { AmountBuilder, SCALE, applyPriceLimits, sumAmounts, toAmount } from './exact-amount';
import type { PricedPeriod, SessionTimeline } from './priced-period';
import type {
  CostDimension,
  OcpiCdrDimension,
  OcpiChargingPeriod,
  PricingOptions,
  SessionPrice,
} from './session-price.types';

const BUCKET: Record<LineKind, CostDimension> = {
  ENERGY: 'energy',
  TIME: 'time',
  PARKING_TIME: 'parking',
  FLAT: 'fixed',
  RESERVATION_TIME: 'reservation',
  RESERVATION_FLAT: 'reservation',
};

/** Scaled cost factor per unit of quantity (see exact-amount.ts): Wh -> x3.6, s -> x1, flat -> x3600. */
const FACTOR: Record<LineKind, Decimal> = {
  ENERGY: new Decimal('3.6'),
  TIME: new Decimal(1),
  PARKING_TIME: new Decimal(1),
  RESERVATION_TIME: new Decimal(1),
  FLAT: SCALE,
  RESERVATION_FLAT: SCALE,
};

/**
 * The exact cost of a session under an OCPI tariff, from OCPI charging periods or from meter
 * samples. This is the reference path (decimal.js, exact until the final 4-decimal rounding);
 * `createPricer` computes the same numbers incrementally.
 */
export function priceSession(
  tariff: Tariff,
  session: SessionInput,
  options: PricingOptions = {},
): SessionPrice {
  const compiled = compileTariff(tariff);
  const zone = TimeZone.of(session.timeZone);
  const fromSamples = isSamplesSession(session);
  const timeline = fromSamples
    ? timelineFromSamples(compiled, zone, session)
    : timelineFromPeriods(compiled, zone, session);
  const { lines, selections } = billingLines(compiled, timeline, options);

  const builders = new Map<CostDimension, AmountBuilder>(
    (['energy', 'time', 'parking', 'fixed', 'reservation'] as const).map((d) => [
      d,
      new AmountBuilder(tariff.taxIncluded),
    ]),
  );
  for (const line of lines) {
    const basis = line.component.price.times(line.quantity).times(FACTOR[line.kind]);
    builders.get(BUCKET[line.kind])?.add(line.component.vat, basis);
  }
  const exact = (d: CostDimension) => (builders.get(d) as AmountBuilder).build();
  const parts = {
    energy: exact('energy'),
    time: exact('time'),
    parking: exact('parking'),
    fixed: exact('fixed'),
    reservation: exact('reservation'),
  };
  const limited = applyPriceLimits(sumAmounts(Object.values(parts)), tariff.minPrice, tariff.maxPrice);

  const sum = (pick: (p: PricedPeriod) => Decimal) =>
    timeline.periods.reduce((s, p) => s.plus(pick(p)), ZERO);
  const billed = (kind: LineKind) =>
    lines.filter((l) => l.kind === kind).reduce((s, l) => s.plus(l.quantity), ZERO);
  const hours = (seconds: Decimal) => formatQuantity(seconds.div(3600));
  const chargingS = sum((p) => p.chargingS);
  const parkingS = sum((p) => p.parkingS);
  return {
    tariffId: tariff.id,
    currency: tariff.currency,
    ocpiVersion: tariff.ocpiVersion,
    total: toAmount(limited.amount),
    energy: toAmount(parts.energy),
    time: toAmount(parts.time),
    parking: toAmount(parts.parking),
    fixed: toAmount(parts.fixed),
    reservation: toAmount(parts.reservation),
    totalEnergyKwh: formatQuantity(sum((p) => p.energyWh).div(1000)),
    billedEnergyKwh: formatQuantity(billed('ENERGY').div(1000)),
    totalTimeHours: hours(chargingS.plus(parkingS)),
    chargingTimeHours: hours(chargingS),
    billedChargingTimeHours: hours(billed('TIME')),
    parkingTimeHours: hours(parkingS),
    billedParkingTimeHours: hours(billed('PARKING_TIME')),
    reservationTimeHours: hours(sum((p) => p.reservationS)),
    minPriceApplied: limited.minApplied,
    maxPriceApplied: limited.maxApplied,
    chargingPeriods: cdrPeriods(compiled, timeline, selections, fromSamples),
    warnings: warnings(compiled, timeline, lines),
  };
}

function warnings(
  tariff: CompiledTariff,
  timeline: SessionTimeline,
  lines: readonly BillingLine[],
): string[] {
  const out: string[] = [];
  const start = timeline.startMs;
  if (
    (tariff.validFromMs !== undefined && start < tariff.validFromMs) ||
    (tariff.validUntilMs !== undefined && start >= tariff.validUntilMs)
  ) {
    out.push('TARIFF_NOT_VALID_AT_SESSION_START');
  }
  if (lines.length === 0 && timeline.periods.length > 0) out.push('NOTHING_BILLED');
  return out;
}

/**
 * OCPI charging periods for a CDR. Periods from a CDR are returned one for one; periods cut from
 * meter samples are merged while the same components price them.
 */
function cdrPeriods(
  tariff: CompiledTariff,
  timeline: SessionTimeline,
  selections: readonly Selection[],
  merge: boolean,
): OcpiChargingPeriod[] {
  interface Draft {
    start: number;
    key: string;
    energyWh: Decimal;
    chargingS: Decimal;
    parkingS: Decimal;
    reservationS: Decimal;
    power: number[];
    current: number[];
  }
  const drafts: Draft[] = [];
  timeline.periods.forEach((p, i) => {
    const sel = selections[i] ?? {};
    const key = `${p.part}|${[sel.ENERGY, sel.TIME, sel.PARKING_TIME].map((c) => c?.id ?? '-').join(',')}|${p.chargingS.gt(0) ? 'C' : p.parkingS.gt(0) ? 'P' : '-'}`;
    const prev = drafts[drafts.length - 1];
    const target =
      merge && prev && prev.key === key
        ? prev
        : (drafts[
            drafts.push({
              start: p.startMs,
              key,
              energyWh: ZERO,
              chargingS: ZERO,
              parkingS: ZERO,
              reservationS: ZERO,
              power: [],
              current: [],
            }) - 1
          ] as Draft);
    target.energyWh = target.energyWh.plus(p.energyWh);
    target.chargingS = target.chargingS.plus(p.chargingS);
    target.parkingS = target.parkingS.plus(p.parkingS);
    target.reservationS = target.reservationS.plus(p.reservationS);
    for (const v of [p.ctx.minPowerW, p.ctx.maxPowerW]) if (v !== undefined) target.power.push(v);
    for (const v of [p.ctx.minCurrentA, p.ctx.maxCurrentA]) if (v !== undefined) target.current.push(v);
  });
  return drafts.map((d) => {
    const dims: OcpiCdrDimension[] = [];
    const push = (type: OcpiCdrDimension['type'], value: Decimal) =>
      dims.push({ type, volume: Number(formatQuantity(value)) });
    if (d.energyWh.gt(0) || d.chargingS.gt(0)) push('ENERGY', d.energyWh.div(1000));
    if (d.chargingS.gt(0)) push('TIME', d.chargingS.div(3600));
    if (d.parkingS.gt(0)) push('PARKING_TIME', d.parkingS.div(3600));
    if (d.reservationS.gt(0)) push('RESERVATION_TIME', d.reservationS.div(3600));
    if (dims.length === 0) push(d.key.startsWith('RESERVATION') ? 'RESERVATION_TIME' : 'TIME', ZERO);
    if (d.power.length > 0) {
      push('MIN_POWER', new Decimal(Math.min(...d.power)).div(1000));
      push('MAX_POWER', new Decimal(Math.max(...d.power)).div(1000));
    }
    if (d.current.length > 0) {
      push('MIN_CURRENT', new Decimal(Math.min(...d.current)));
      push('MAX_CURRENT', new Decimal(Math.max(...d.current)));
    }
    return {
      start_date_time: new Date(d.start).toISOString(),
      dimensions: dims,
      tariff_id: tariff.tariff.id,
    };
  });
}
