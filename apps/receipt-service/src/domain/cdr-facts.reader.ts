import Decimal from 'decimal.js';
import type { CdrFacts, CdrLocationFacts, CostComponent, PriceView } from './receipt';

/**
 * Reads what the receipt needs from the OCPI CDR object billing sent (CdrCreated.cdr, in the PTP's 2.2.1 or
 * 2.3.0 shape). Tolerant: an absent or malformed optional field is left out, never guessed.
 *
 * OCPI puts amounts on the wire as JSON numbers. A JSON number's text is turned back into the same decimal
 * by `Number#toString` (shortest round-trip form) for every amount OCPI allows (at most 4 decimals, far
 * below 15 significant digits), so `new Decimal(n.toString())` is exact; no float arithmetic happens.
 * Decimal strings are accepted as well.
 */
export function readCdrFacts(
  cdr: Record<string, unknown>,
  total: { exclVat: string; inclVat: string; currency: string },
  createdAt: string,
): CdrFacts {
  const components: Partial<Record<CostComponent, PriceView>> = {};
  const fields: Record<CostComponent, string> = {
    energy: 'total_energy_cost',
    time: 'total_time_cost',
    parking: 'total_parking_cost',
    fixed: 'total_fixed_cost',
    reservation: 'total_reservation_cost',
  };
  for (const [component, field] of Object.entries(fields) as Array<[CostComponent, string]>) {
    const price = readPrice(cdr[field]);
    if (price) components[component] = price;
  }
  const parking = decimalText(cdr['total_parking_time']);
  const facts: CdrFacts = {
    createdAt,
    currency: typeof cdr['currency'] === 'string' ? cdr['currency'] : total.currency,
    startedAt: stringField(cdr, 'start_date_time') ?? createdAt,
    endedAt: stringField(cdr, 'end_date_time') ?? createdAt,
    location: readLocation(cdr['cdr_location']),
    totalEnergyKwh: decimalText(cdr['total_energy']) ?? '0',
    totalTimeHours: decimalText(cdr['total_time']) ?? '0',
    components,
    total: { exclVat: total.exclVat, inclVat: total.inclVat },
  };
  if (parking !== undefined) facts.totalParkingTimeHours = parking;
  return facts;
}

/** OCPI Price: 2.2.1 `{excl_vat, incl_vat?}` or 2.3.0 `{before_taxes, taxes?[{amount}]}` (incl = before + taxes). */
export function readPrice(value: unknown): PriceView | undefined {
  if (!isRecord(value)) return undefined;
  if ('before_taxes' in value) {
    const before = decimalText(value['before_taxes']);
    if (before === undefined) return undefined;
    const taxes = Array.isArray(value['taxes']) ? value['taxes'] : [];
    let incl = new Decimal(before);
    for (const t of taxes) {
      const amount = isRecord(t) ? decimalText(t['amount']) : undefined;
      if (amount === undefined) return { exclVat: before };
      incl = incl.plus(amount);
    }
    return { exclVat: before, inclVat: incl.toFixed() };
  }
  const excl = decimalText(value['excl_vat']);
  if (excl === undefined) return undefined;
  const incl = decimalText(value['incl_vat']);
  return incl === undefined ? { exclVat: excl } : { exclVat: excl, inclVat: incl };
}

function readLocation(value: unknown): CdrLocationFacts {
  if (!isRecord(value)) return {};
  const loc: CdrLocationFacts = {};
  const map: Array<[keyof CdrLocationFacts, string]> = [
    ['name', 'name'],
    ['address', 'address'],
    ['city', 'city'],
    ['postalCode', 'postal_code'],
    ['country', 'country'],
    ['evseId', 'evse_id'],
    ['connectorId', 'connector_id'],
    ['timeZone', 'time_zone'],
  ];
  for (const [key, field] of map) {
    const v = stringField(value, field);
    if (v !== undefined && !PLACEHOLDERS.has(v)) loc[key] = v;
  }
  return loc;
}

/** Billing's stand-ins when a Location is missing from its directory: not worth showing a driver. */
const PLACEHOLDERS = new Set(['unknown', 'ZZZ']);

const DECIMAL = /^-?\d{1,20}(\.\d{1,20})?$/;

/** A JSON number or decimal string as exact decimal text; anything else is `undefined`. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return new Decimal(value.toString()).toFixed();
  }
  if (typeof value === 'string' && DECIMAL.test(value)) return new Decimal(value).toFixed();
  return undefined;
}

function stringField(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v.length > 0 && v.length <= 255 ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
