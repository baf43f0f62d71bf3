import { Decimal } from '../money/decimal';
import { parseOcpiDateTime } from '../tariff/json-reader';
import {
  DAYS_OF_WEEK,
  type ReservationRestrictionType,
  type TariffDimensionType,
} from '../tariff/ocpi-tariff.types';
import type { PriceComponent, Tariff, TariffRestrictions } from '../tariff/tariff.model';
import { dateNumFromIso } from '../time/civil-date';

/** One price component with its numbers parsed, identified by `id` (its index in `components`). */
export interface CompiledComponent {
  readonly id: number;
  readonly elementIndex: number;
  readonly componentIndex: number;
  readonly type: TariffDimensionType;
  readonly price: Decimal;
  readonly vat: Decimal | undefined;
  readonly stepSize: number;
  readonly source: PriceComponent;
}

/** Restrictions in the units the engine measures: minutes of the local day, mWh, W, A, ms. */
export interface CompiledRestrictions {
  /** Local time-of-day window [start, end) in minutes; start > end wraps past midnight. */
  readonly window?: { readonly start: number; readonly end: number };
  readonly startDate?: number;
  readonly endDate?: number;
  /** Bit i set = day i active (Monday = bit 0). */
  readonly dayMask?: number;
  readonly minEnergyMwh?: number;
  readonly maxEnergyMwh?: number;
  readonly minCurrentA?: number;
  readonly maxCurrentA?: number;
  readonly minPowerW?: number;
  readonly maxPowerW?: number;
  readonly minDurationMs?: number;
  readonly maxDurationMs?: number;
}

export interface CompiledElement {
  readonly index: number;
  /** The first component of each dimension in the element (later duplicates are never used). */
  readonly components: Readonly<Partial<Record<TariffDimensionType, CompiledComponent>>>;
  readonly restrictions: CompiledRestrictions | undefined;
  readonly reservation: ReservationRestrictionType | undefined;
}

/** A tariff prepared for pricing: parsed numbers plus every value at which a restriction can flip. */
export interface CompiledTariff {
  readonly tariff: Tariff;
  readonly elements: readonly CompiledElement[];
  readonly components: readonly CompiledComponent[];
  /** Minutes of the local day where a time/date/weekday restriction may change (ascending). */
  readonly boundaryMinutes: readonly number[];
  readonly durationThresholdsMs: readonly number[];
  readonly energyThresholdsMwh: readonly number[];
  readonly usesLocalTime: boolean;
  readonly usesPower: boolean;
  readonly usesCurrent: boolean;
  readonly validFromMs?: number;
  readonly validUntilMs?: number;
}

const compiledCache = new WeakMap<Tariff, CompiledTariff>();

export function compileTariff(tariff: Tariff): CompiledTariff {
  const cached = compiledCache.get(tariff);
  if (cached) return cached;
  const components: CompiledComponent[] = [];
  const minutes = new Set<number>();
  const durations = new Set<number>();
  const energies = new Set<number>();
  let usesLocalTime = false;
  let usesPower = false;
  let usesCurrent = false;
  const elements = tariff.elements.map((element, elementIndex): CompiledElement => {
    const byType: Partial<Record<TariffDimensionType, CompiledComponent>> = {};
    element.priceComponents.forEach((c, componentIndex) => {
      const compiled: CompiledComponent = {
        id: components.length,
        elementIndex,
        componentIndex,
        type: c.type,
        price: new Decimal(c.price),
        vat: c.vat === undefined ? undefined : new Decimal(c.vat),
        stepSize: c.stepSize,
        source: c,
      };
      components.push(compiled);
      byType[c.type] ??= compiled;
    });
    const restrictions = element.restrictions ? compileRestrictions(element.restrictions) : undefined;
    if (restrictions) {
      if (restrictions.window) {
        minutes.add(restrictions.window.start);
        minutes.add(restrictions.window.end % 1440);
      }
      if (
        restrictions.window ||
        restrictions.dayMask !== undefined ||
        restrictions.startDate ||
        restrictions.endDate
      ) {
        usesLocalTime = true;
      }
      if (restrictions.dayMask !== undefined || restrictions.startDate || restrictions.endDate)
        minutes.add(0);
      for (const d of [restrictions.minDurationMs, restrictions.maxDurationMs])
        if (d !== undefined) durations.add(d);
      for (const e of [restrictions.minEnergyMwh, restrictions.maxEnergyMwh])
        if (e !== undefined) energies.add(e);
      usesPower ||= restrictions.minPowerW !== undefined || restrictions.maxPowerW !== undefined;
      usesCurrent ||= restrictions.minCurrentA !== undefined || restrictions.maxCurrentA !== undefined;
    }
    return {
      index: elementIndex,
      components: byType,
      restrictions,
      reservation: element.restrictions?.reservation,
    };
  });
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  const compiled: CompiledTariff = {
    tariff,
    elements,
    components,
    boundaryMinutes: sorted(minutes),
    durationThresholdsMs: sorted(durations),
    energyThresholdsMwh: sorted(energies),
    usesLocalTime,
    usesPower,
    usesCurrent,
    ...(tariff.startDateTime ? { validFromMs: parseOcpiDateTime(tariff.startDateTime) } : {}),
    ...(tariff.endDateTime ? { validUntilMs: parseOcpiDateTime(tariff.endDateTime) } : {}),
  };
  compiledCache.set(tariff, compiled);
  return compiled;
}

function compileRestrictions(r: TariffRestrictions): CompiledRestrictions | undefined {
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  let window: CompiledRestrictions['window'];
  if (r.startTime !== undefined || r.endTime !== undefined) {
    const start = r.startTime === undefined ? 0 : minutesOf(r.startTime);
    // "00:00" as end_time means the end of the day (OCPI: "To stop at end of the day use: 00:00").
    const end = r.endTime === undefined ? 1440 : minutesOf(r.endTime) || 1440;
    // start == end (e.g. 08:00-08:00) is read as a full 24 h window, i.e. no time restriction.
    if (start !== end && !(start === 0 && end === 1440)) window = { start, end };
  }
  const mwh = (kwh: string | undefined) =>
    kwh === undefined ? undefined : new Decimal(kwh).times(1_000_000).ceil().toNumber();
  const watts = (kw: string | undefined) =>
    kw === undefined ? undefined : new Decimal(kw).times(1000).toNumber();
  const amps = (a: string | undefined) => (a === undefined ? undefined : new Decimal(a).toNumber());
  const compiled: CompiledRestrictions = {
    ...(window ? { window } : {}),
    ...(r.startDate ? { startDate: dateNumFromIso(r.startDate) } : {}),
    ...(r.endDate ? { endDate: dateNumFromIso(r.endDate) } : {}),
    ...(r.dayOfWeek
      ? { dayMask: r.dayOfWeek.reduce((mask, d) => mask | (1 << DAYS_OF_WEEK.indexOf(d)), 0) }
      : {}),
    ...optionalNumber('minEnergyMwh', mwh(r.minKwh)),
    ...optionalNumber('maxEnergyMwh', mwh(r.maxKwh)),
    ...optionalNumber('minCurrentA', amps(r.minCurrent)),
    ...optionalNumber('maxCurrentA', amps(r.maxCurrent)),
    ...optionalNumber('minPowerW', watts(r.minPower)),
    ...optionalNumber('maxPowerW', watts(r.maxPower)),
    ...optionalNumber('minDurationMs', r.minDuration === undefined ? undefined : r.minDuration * 1000),
    ...optionalNumber('maxDurationMs', r.maxDuration === undefined ? undefined : r.maxDuration * 1000),
  };
  return Object.keys(compiled).length > 0 || r.reservation ? compiled : undefined;
}

function optionalNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
