import { readFileSync } from 'node:fs';
import { readCdr } from '../cdr/cdr-reader';
import { displayPrice } from '../display/display-price';
import { priceSession } from '../pricing/session-pricer';
import type { Amount, SessionPrice } from '../pricing/session-price.types';
import { isObject, parseOcpiDateTime } from '../tariff/json-reader';
import type { OcpiVersion } from '../tariff/ocpi-tariff.types';
import type { Tariff } from '../tariff/tariff.model';
import { parseTariff } from '../tariff/tariff-parser';
import { TariffValidationError } from '../tariff/tariff-validation.error';
import { toOcpiTariff } from '../tariff/tariff-serializer';
import { JsonNumber, stringifyJson } from './json-output';

export const USAGE = `Usage:
  tariff price    --tariff <tariff.json> --cdr <cdr.json> [--time-zone <IANA zone>]
                  [--tariff-version 2.2.1|2.3.0] [--step-size-basis billed|total] [--details]
  tariff display  --tariff <tariff.json> [--locale <bcp47, default en>] [--at <date-time> --time-zone <IANA zone>]
  tariff validate --tariff <tariff.json> [--tariff-version 2.2.1|2.3.0]

price    prints the CDR's totals computed from the tariff (OCPI Price objects in the tariff's version).
         Without --tariff, the CDR's own "tariffs" are used (the one valid at the session start).
         The time zone defaults to cdr_location.time_zone, else the country's zone, else UTC.
display  prints what a payment terminal shows.
validate prints the tariff normalised to strict OCPI, or every bad field.
Exit codes: 0 ok, 2 bad input (message on stderr), 1 internal error.`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** An input problem: reported on stderr with exit code 2. */
export class CliInputError extends Error {}

/** Runs the operator CLI; returns the process exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const [command, ...rest] = argv;
    const flags = parseFlags(rest);
    switch (command) {
      case 'price':
        io.out(stringifyJson(priceCommand(flags, io)));
        return 0;
      case 'display':
        io.out(stringifyJson(displayCommand(flags)));
        return 0;
      case 'validate':
        io.out(JSON.stringify(toOcpiTariff(loadTariff(required(flags, 'tariff'), version(flags))), null, 2));
        return 0;
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliInputError(`Unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CliInputError || error instanceof TariffValidationError || isInputError(error)) {
      io.err(`tariff: ${(error as Error).message}`);
      return 2;
    }
    io.err(
      `tariff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

function isInputError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(SESSION|TIME_ZONE|CDR|TARIFF)\./.test(code);
}

type Flags = Map<string, string | true>;

const BOOLEAN_FLAGS = new Set(['details']);

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new CliInputError(`Unexpected argument "${arg}"`);
    const name = m[1] as string;
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (m[2] !== undefined) flags.set(name, m[2]);
    else if (i + 1 < args.length) flags.set(name, args[++i] as string);
    else throw new CliInputError(`--${name} needs a value`);
  }
  return flags;
}

function required(flags: Flags, name: string): string {
  const v = flags.get(name);
  if (typeof v !== 'string' || v === '') throw new CliInputError(`--${name} is required\n${USAGE}`);
  return v;
}

function optional(flags: Flags, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function version(flags: Flags): OcpiVersion | undefined {
  const v = optional(flags, 'tariff-version');
  if (v === undefined || v === '2.2.1' || v === '2.3.0') return v;
  throw new CliInputError(`--tariff-version must be 2.2.1 or 2.3.0, not "${v}"`);
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliInputError(`cannot read ${what} file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliInputError(`${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Accepts a bare Tariff or an OCPI response envelope around one. */
function loadTariff(path: string, v: OcpiVersion | undefined): Tariff {
  let json = readJson(path, 'tariff');
  if (isObject(json) && isObject(json['data']) && !('elements' in json)) json = json['data'];
  return parseTariff(json, v ? { version: v } : {});
}

function priceCommand(flags: Flags, io: CliIo): Record<string, unknown> {
  const cdrJson = readJson(required(flags, 'cdr'), 'CDR');
  const timeZone = optional(flags, 'time-zone');
  const { session, timeZoneSource, warnings } = readCdr(cdrJson, timeZone ? { timeZone } : {});
  const tariffPath = optional(flags, 'tariff');
  const tariff = tariffPath
    ? loadTariff(tariffPath, version(flags))
    : tariffFromCdr(cdrJson, session.startDateTime, version(flags));
  const basis = optional(flags, 'step-size-basis');
  if (basis !== undefined && basis !== 'billed' && basis !== 'total')
    throw new CliInputError('--step-size-basis must be billed or total');
  const price = priceSession(tariff, session, { stepSizeBasis: basis === 'total' ? 'TOTAL' : 'BILLED' });
  if (timeZoneSource === 'default') io.err('tariff: note: no time zone given or found in the CDR; using UTC');
  const v = tariff.ocpiVersion;
  const num = (text: string) => new JsonNumber(text);
  return {
    tariff_id: price.tariffId,
    currency: price.currency,
    ocpi_version: v,
    time_zone: session.timeZone,
    total_cost: ocpiPrice(price.total, v),
    total_energy_cost: ocpiPrice(price.energy, v),
    total_time_cost: ocpiPrice(price.time, v),
    total_parking_cost: ocpiPrice(price.parking, v),
    total_fixed_cost: ocpiPrice(price.fixed, v),
    total_reservation_cost: ocpiPrice(price.reservation, v),
    total_energy: num(price.totalEnergyKwh),
    total_time: num(price.totalTimeHours),
    total_parking_time: num(price.parkingTimeHours),
    billed_energy: num(price.billedEnergyKwh),
    billed_charging_time: num(price.billedChargingTimeHours),
    billed_parking_time: num(price.billedParkingTimeHours),
    min_price_applied: price.minPriceApplied,
    max_price_applied: price.maxPriceApplied,
    warnings: [...warnings, ...price.warnings],
    ...(flags.has('details') ? { charging_periods: periodsJson(price) } : {}),
  };
}

/** OCPI Price of the tariff's version, amounts as exact JSON numbers. */
function ocpiPrice(amount: Amount, v: OcpiVersion): Record<string, unknown> {
  if (v === '2.2.1')
    return { excl_vat: new JsonNumber(amount.exclVat), incl_vat: new JsonNumber(amount.inclVat) };
  return {
    before_taxes: new JsonNumber(amount.exclVat),
    taxes: amount.taxes.map((t) => ({
      name: t.name,
      ...(t.percentage !== undefined ? { percentage: new JsonNumber(t.percentage) } : {}),
      amount: new JsonNumber(t.amount),
    })),
  };
}

function periodsJson(price: SessionPrice): unknown[] {
  return price.chargingPeriods.map((p) => ({
    ...p,
    dimensions: p.dimensions.map((d) => ({ type: d.type, volume: new JsonNumber(String(d.volume)) })),
  }));
}

/** The CDR's embedded tariff valid at the session start (OCPI: the tariff valid at start applies). */
function tariffFromCdr(cdr: unknown, start: unknown, v: OcpiVersion | undefined): Tariff {
  const tariffs = isObject(cdr) && Array.isArray(cdr['tariffs']) ? cdr['tariffs'] : [];
  if (tariffs.length === 0) throw new CliInputError('--tariff is required (the CDR has no "tariffs")');
  const at = typeof start === 'string' ? parseOcpiDateTime(start) : undefined;
  const valid = tariffs.find((t) => {
    if (!isObject(t) || at === undefined) return false;
    const from =
      typeof t['start_date_time'] === 'string' ? parseOcpiDateTime(t['start_date_time']) : undefined;
    const until = typeof t['end_date_time'] === 'string' ? parseOcpiDateTime(t['end_date_time']) : undefined;
    return (from === undefined || from <= at) && (until === undefined || at < until);
  });
  return parseTariff(valid ?? tariffs[0], v ? { version: v } : {});
}

function displayCommand(flags: Flags): unknown {
  const tariff = loadTariff(required(flags, 'tariff'), version(flags));
  const locale = optional(flags, 'locale') ?? 'en';
  const now = optional(flags, 'at');
  const timeZone = optional(flags, 'time-zone') ?? 'UTC';
  return displayPrice(tariff, locale, now ? { now, timeZone } : undefined);
}
