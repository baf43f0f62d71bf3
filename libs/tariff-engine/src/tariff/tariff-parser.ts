import { Decimal } from '../money/decimal';
import { JsonReader, isObject, type JsonObject } from './json-reader';
import {
  DAYS_OF_WEEK,
  RESERVATION_RESTRICTION_TYPES,
  TARIFF_DIMENSION_TYPES,
  TARIFF_TYPES,
  TAX_INCLUDED_VALUES,
  type DayOfWeek,
  type OcpiVersion,
} from './ocpi-tariff.types';
import type {
  DisplayText,
  PriceComponent,
  PriceLimit,
  Tariff,
  TariffElement,
  TariffRestrictions,
} from './tariff.model';
import { TariffValidationError } from './tariff-validation.error';

export interface ParseTariffOptions {
  /** Force the OCPI version; by default it is detected (2.3.0 if it has `tax_included`, `preauthorize_amount` or PriceLimit bounds). */
  readonly version?: OcpiVersion;
}

const MAX_INT32 = 2_147_483_647;

/**
 * Validates an OCPI 2.2.1 or 2.3.0 Tariff by the spec's field rules and returns it normalised.
 * Lenient on form (numbers as strings, enum case, "9:00", "24:00", a lone day string, price limits in
 * either version's shape, a missing 2.3.0 `tax_included` read as "NO"), strict on meaning.
 * @throws TariffValidationError listing every bad field with its path.
 */
export function parseTariff(json: unknown, options: ParseTariffOptions = {}): Tariff {
  const r = new JsonReader();
  const root = r.object(json, '');
  if (!root) throw new TariffValidationError(r.issues);

  const ocpiVersion = options.version ?? detectVersion(root);
  const countryCode = r
    .string(root['country_code'], 'country_code', { min: 2, max: 2, ascii: true })
    ?.toUpperCase();
  const partyId = r.string(root['party_id'], 'party_id', { min: 1, max: 3, ascii: true })?.toUpperCase();
  const id = r.string(root['id'], 'id', { min: 1, max: 36, ascii: true });
  const currency = readCurrency(r, root['currency']);
  const type =
    root['type'] === undefined || root['type'] === null
      ? undefined
      : r.enumValue(root['type'], 'type', TARIFF_TYPES);
  const altText = readAltText(r, root['tariff_alt_text']);
  const altUrl = optional(root['tariff_alt_url'], (v) => readUrl(r, v, 'tariff_alt_url'));
  const minPrice = optional(root['min_price'], (v) => readPriceLimit(r, v, 'min_price'));
  const maxPrice = optional(root['max_price'], (v) => readPriceLimit(r, v, 'max_price'));
  const preauthorizeAmount = optional(root['preauthorize_amount'], (v) =>
    r.decimal(v, 'preauthorize_amount', { min: 0 })?.toFixed(),
  );
  const taxIncluded =
    ocpiVersion === '2.2.1' || root['tax_included'] === undefined || root['tax_included'] === null
      ? 'NO'
      : r.enumValue(root['tax_included'], 'tax_included', TAX_INCLUDED_VALUES);
  if (ocpiVersion === '2.2.1' && root['tax_included'] !== undefined && root['tax_included'] !== 'NO') {
    r.fail('tax_included', 'is not part of OCPI 2.2.1 (2.2.1 prices exclude VAT)');
  }
  const elements = readElements(r, root['elements']);
  const startDateTime = optional(root['start_date_time'], (v) => r.dateTime(v, 'start_date_time'));
  const endDateTime = optional(root['end_date_time'], (v) => r.dateTime(v, 'end_date_time'));
  if (startDateTime && endDateTime && startDateTime >= endDateTime) {
    r.fail('end_date_time', 'must be after start_date_time');
  }
  const energyMix = optional(root['energy_mix'], (v) => r.object(v, 'energy_mix'));
  const lastUpdated = r.dateTime(root['last_updated'], 'last_updated');
  if (minPrice && maxPrice && new Decimal(minPrice.beforeTaxes).gt(maxPrice.beforeTaxes)) {
    r.fail('min_price', 'must not exceed max_price');
  }

  if (
    r.issues.length > 0 ||
    !countryCode ||
    !partyId ||
    !id ||
    !currency ||
    !taxIncluded ||
    !elements ||
    !lastUpdated
  ) {
    throw new TariffValidationError(r.issues);
  }
  return {
    ocpiVersion,
    countryCode,
    partyId,
    id,
    currency,
    ...(type ? { type } : {}),
    altText,
    ...(altUrl ? { altUrl } : {}),
    taxIncluded,
    ...(minPrice ? { minPrice } : {}),
    ...(maxPrice ? { maxPrice } : {}),
    ...(preauthorizeAmount ? { preauthorizeAmount } : {}),
    elements,
    ...(startDateTime ? { startDateTime } : {}),
    ...(endDateTime ? { endDateTime } : {}),
    ...(energyMix ? { energyMix } : {}),
    lastUpdated,
  };
}

function detectVersion(root: JsonObject): OcpiVersion {
  const isLimit = (v: unknown) => isObject(v) && 'before_taxes' in v;
  return 'tax_included' in root ||
    'preauthorize_amount' in root ||
    isLimit(root['min_price']) ||
    isLimit(root['max_price'])
    ? '2.3.0'
    : '2.2.1';
}

function optional<T>(value: unknown, read: (v: unknown) => T | undefined): T | undefined {
  return value === undefined || value === null ? undefined : read(value);
}

function readCurrency(r: JsonReader, value: unknown): string | undefined {
  if (typeof value === 'string' && /^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  return r.fail('currency', 'must be an ISO 4217 code of 3 letters');
}

function readUrl(r: JsonReader, value: unknown, path: string): string | undefined {
  const text = r.string(value, path, { max: 255, ascii: true });
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // reported below
  }
  return r.fail(path, 'must be an http(s) URL');
}

function readAltText(r: JsonReader, value: unknown): DisplayText[] {
  if (value === undefined || value === null) return [];
  const items = r.array(value, 'tariff_alt_text', { min: 0 }) ?? [];
  const texts: DisplayText[] = [];
  items.forEach((item, i) => {
    const path = `tariff_alt_text[${i}]`;
    const obj = r.object(item, path);
    if (!obj) return;
    const language = r.string(obj['language'], `${path}.language`, { min: 2, max: 2 });
    const text = r.string(obj['text'], `${path}.text`, { min: 0, max: 512 });
    if (language !== undefined && !/^[A-Za-z]{2}$/.test(language))
      r.fail(`${path}.language`, 'must be an ISO 639-1 code');
    else if (language !== undefined && text !== undefined)
      texts.push({ language: language.toLowerCase(), text });
  });
  return texts;
}

/** Accepts both 2.2.1 Price {excl_vat, incl_vat} and 2.3.0 PriceLimit {before_taxes, after_taxes}. */
function readPriceLimit(r: JsonReader, value: unknown, path: string): PriceLimit | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const shape230 = 'before_taxes' in obj;
  const [beforeKey, afterKey] = shape230 ? ['before_taxes', 'after_taxes'] : ['excl_vat', 'incl_vat'];
  const before = r.decimal(obj[beforeKey], `${path}.${beforeKey}`, { min: 0 });
  const after = optional(obj[afterKey], (v) => r.decimal(v, `${path}.${afterKey}`, { min: 0 }));
  if (before && after && after.lt(before)) r.fail(`${path}.${afterKey}`, `must not be below ${beforeKey}`);
  if (!before) return undefined;
  return { beforeTaxes: before.toFixed(), ...(after ? { afterTaxes: after.toFixed() } : {}) };
}

function readElements(r: JsonReader, value: unknown): TariffElement[] | undefined {
  const items = r.array(value, 'elements', { min: 1 });
  if (!items) return undefined;
  const elements: TariffElement[] = [];
  items.forEach((item, i) => {
    const path = `elements[${i}]`;
    const obj = r.object(item, path);
    if (!obj) return;
    const restrictions = optional(obj['restrictions'], (v) => readRestrictions(r, v, `${path}.restrictions`));
    const components = readComponents(r, obj['price_components'], `${path}.price_components`);
    if (restrictions?.reservation && components) {
      components.forEach((c, j) => {
        if (c.type !== 'FLAT' && c.type !== 'TIME') {
          r.fail(
            `${path}.price_components[${j}].type`,
            'a reservation element may only have FLAT and TIME components',
          );
        }
      });
    }
    if (components) elements.push({ priceComponents: components, ...(restrictions ? { restrictions } : {}) });
  });
  return elements;
}

function readComponents(r: JsonReader, value: unknown, path: string): PriceComponent[] | undefined {
  const items = r.array(value, path, { min: 1 });
  if (!items) return undefined;
  const components: PriceComponent[] = [];
  items.forEach((item, j) => {
    const p = `${path}[${j}]`;
    const obj = r.object(item, p);
    if (!obj) return;
    const type = r.enumValue(obj['type'], `${p}.type`, TARIFF_DIMENSION_TYPES);
    const price = r.decimal(obj['price'], `${p}.price`, { min: 0 });
    const vat = optional(obj['vat'], (v) => r.decimal(v, `${p}.vat`, { min: 0, max: 100 }));
    const stepSize = r.integer(obj['step_size'], `${p}.step_size`, { min: 0, max: MAX_INT32 });
    if (type && price && stepSize !== undefined) {
      components.push({ type, price: price.toFixed(), ...(vat ? { vat: vat.toFixed() } : {}), stepSize });
    }
  });
  return components;
}

function readRestrictions(r: JsonReader, value: unknown, path: string): TariffRestrictions | undefined {
  const obj = r.object(value, path);
  if (!obj) return undefined;
  const at = (key: string) => `${path}.${key}`;
  const num = (key: string): Decimal | undefined =>
    optional(obj[key], (v) => r.decimal(v, at(key), { min: 0 }));
  const startTime = optional(obj['start_time'], (v) => readTime(r, v, at('start_time')));
  const endTime = optional(obj['end_time'], (v) => readTime(r, v, at('end_time')));
  const startDate = optional(obj['start_date'], (v) => readDate(r, v, at('start_date')));
  const endDate = optional(obj['end_date'], (v) => readDate(r, v, at('end_date')));
  if (startDate && endDate && startDate >= endDate)
    r.fail(at('end_date'), 'must be after start_date (end_date is exclusive)');
  const minKwh = num('min_kwh');
  const maxKwh = num('max_kwh');
  const minCurrent = num('min_current');
  const maxCurrent = num('max_current');
  const minPower = num('min_power');
  const maxPower = num('max_power');
  const minDuration = optional(obj['min_duration'], (v) =>
    r.integer(v, at('min_duration'), { min: 0, max: MAX_INT32 }),
  );
  const maxDuration = optional(obj['max_duration'], (v) =>
    r.integer(v, at('max_duration'), { min: 0, max: MAX_INT32 }),
  );
  checkOrder(r, at, 'min_kwh', minKwh, 'max_kwh', maxKwh);
  checkOrder(r, at, 'min_current', minCurrent, 'max_current', maxCurrent);
  checkOrder(r, at, 'min_power', minPower, 'max_power', maxPower);
  if (minDuration !== undefined && maxDuration !== undefined && minDuration >= maxDuration) {
    r.fail(at('max_duration'), 'must be greater than min_duration');
  }
  const dayOfWeek = optional(obj['day_of_week'], (v) => readDays(r, v, at('day_of_week')));
  const reservation = optional(obj['reservation'], (v) =>
    r.enumValue(v, at('reservation'), RESERVATION_RESTRICTION_TYPES),
  );
  const text = (d: Decimal | undefined) => d?.toFixed();
  const entries: [keyof TariffRestrictions, unknown][] = [
    ['startTime', startTime],
    ['endTime', endTime],
    ['startDate', startDate],
    ['endDate', endDate],
    ['minKwh', text(minKwh)],
    ['maxKwh', text(maxKwh)],
    ['minCurrent', text(minCurrent)],
    ['maxCurrent', text(maxCurrent)],
    ['minPower', text(minPower)],
    ['maxPower', text(maxPower)],
    ['minDuration', minDuration],
    ['maxDuration', maxDuration],
    ['dayOfWeek', dayOfWeek],
    ['reservation', reservation],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as TariffRestrictions;
}

function checkOrder(
  r: JsonReader,
  at: (k: string) => string,
  minKey: string,
  min: Decimal | undefined,
  maxKey: string,
  max: Decimal | undefined,
): void {
  if (min && max && min.gte(max)) r.fail(at(maxKey), `must be greater than ${minKey}`);
}

/** "HH:MM" local time; also accepts "H:MM", "HH:MM:00" and "24:00" (end of day, written "00:00" by OCPI). */
function readTime(r: JsonReader, value: unknown, path: string): string | undefined {
  const m = typeof value === 'string' ? /^(\d{1,2}):([0-5]\d)(?::00)?$/.exec(value.trim()) : null;
  const hours = m ? Number(m[1]) : NaN;
  if (!m || hours > 24 || (hours === 24 && m[2] !== '00'))
    return r.fail(path, 'must be a time of day "HH:MM" (00:00..23:59)');
  return `${String(hours % 24).padStart(2, '0')}:${m[2]}`;
}

function readDate(r: JsonReader, value: unknown, path: string): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim()) : null;
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1) return m[0];
  }
  return r.fail(path, 'must be a date "YYYY-MM-DD"');
}

function readDays(r: JsonReader, value: unknown, path: string): DayOfWeek[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const days: DayOfWeek[] = [];
  items.forEach((item, i) => {
    const day = r.enumValue(item, Array.isArray(value) ? `${path}[${i}]` : path, DAYS_OF_WEEK);
    if (day && !days.includes(day)) days.push(day);
  });
  return days;
}
