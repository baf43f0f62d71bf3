import { Decimal, parseDecimal } from '../money/decimal';
import type { ValidationIssue } from './tariff-validation.error';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Collects validation issues while reading untrusted JSON, so that one pass reports every bad field.
 * Each reader returns undefined (and records an issue) when the value is unusable.
 */
export class JsonReader {
  readonly issues: ValidationIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  object(value: unknown, path: string): JsonObject | undefined {
    return isObject(value) ? value : this.fail(path, 'must be an object');
  }

  /** A string of printable ASCII (OCPI CiString / string) within length bounds. */
  string(
    value: unknown,
    path: string,
    opts: { min?: number; max: number; ascii?: boolean },
  ): string | undefined {
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    const min = opts.min ?? 1;
    if (value.length < min || value.length > opts.max) {
      return this.fail(
        path,
        min === opts.max ? `must be ${min} characters` : `must be ${min}..${opts.max} characters`,
      );
    }
    if (opts.ascii && !/^[\x20-\x7e]*$/.test(value)) return this.fail(path, 'must be printable ASCII');
    return value;
  }

  /** A decimal given as a JSON number or a decimal string. */
  decimal(value: unknown, path: string, opts: { min?: number; max?: number } = {}): Decimal | undefined {
    const d = parseDecimal(value);
    if (d === undefined) return this.fail(path, 'must be a number');
    if (opts.min !== undefined && d.lt(opts.min)) return this.fail(path, `must be >= ${opts.min}`);
    if (opts.max !== undefined && d.gt(opts.max)) return this.fail(path, `must be <= ${opts.max}`);
    return d;
  }

  integer(value: unknown, path: string, opts: { min: number; max: number }): number | undefined {
    const d = parseDecimal(value);
    if (d === undefined || !d.isInteger()) return this.fail(path, 'must be an integer');
    if (d.lt(opts.min) || d.gt(opts.max))
      return this.fail(path, `must be an integer in ${opts.min}..${opts.max}`);
    return d.toNumber();
  }

  /** An enum value; case-insensitive on input, canonical on output. */
  enumValue<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string') {
      const found = allowed.find((a) => a === value.trim().toUpperCase());
      if (found) return found;
    }
    return this.fail(path, `must be one of ${allowed.join(', ')}`);
  }

  /** OCPI DateTime (RFC 3339, UTC assumed when the offset is missing), returned as ISO UTC with Z. */
  dateTime(value: unknown, path: string): string | undefined {
    const ms = typeof value === 'string' ? parseOcpiDateTime(value) : undefined;
    return ms === undefined ? this.fail(path, 'must be an RFC 3339 date-time') : formatOcpiDateTime(ms);
  }

  array(value: unknown, path: string, opts: { min: number }): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    if (value.length < opts.min) return this.fail(path, `must have at least ${opts.min} item(s)`);
    return value;
  }
}

/** Epoch milliseconds of an OCPI DateTime; OCPI allows omitting the trailing Z (UTC is meant). */
export function parseOcpiDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23)
    return undefined;
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return base + millis - offsetMin * 60_000;
}

/** OCPI DateTime text in UTC; milliseconds only when there are any ("2024-01-15T09:30:00Z"). */
export function formatOcpiDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
