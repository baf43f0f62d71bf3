import { parseOcpiDateTime } from '../tariff/json-reader';
import type { Timestamp } from '../session/session.types';

export class InvalidInstantError extends Error {
  readonly code = 'SESSION.INVALID_TIMESTAMP';
}

/** Epoch milliseconds of a timestamp (strings without offset are UTC, as OCPI DateTime). */
export function toEpochMs(value: Timestamp, what = 'timestamp'): number {
  const ms =
    typeof value === 'number'
      ? value
      : value instanceof Date
        ? value.getTime()
        : typeof value === 'string'
          ? parseOcpiDateTime(value)
          : undefined;
  if (ms === undefined || !Number.isFinite(ms))
    throw new InvalidInstantError(`Invalid ${what}: ${String(value)}`);
  return Math.floor(ms);
}
