import type { RpcErrorCode } from '../frames/ocpp-j';

/**
 * The outcome of reading a payload tolerantly: either the facts (plus what was tolerated), or the
 * CALLERROR a payload deserves because a field we cannot do without is missing or unusable.
 */
export type ReadResult<T> =
  { ok: true; value: T; warnings: string[] } | { ok: false; code: RpcErrorCode; message: string };

export class PayloadProblem extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadProblem';
  }
}

/** Runs a reader that throws PayloadProblem into a ReadResult. */
export function readWith<T>(read: (warnings: string[]) => T): ReadResult<T> {
  const warnings: string[] = [];
  try {
    return { ok: true, value: read(warnings), warnings };
  } catch (err) {
    if (err instanceof PayloadProblem) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}

export type Obj = Record<string, unknown>;

export function asObject(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new PayloadProblem('TypeConstraintViolation', `${what} must be an object`);
  }
  return v as Obj;
}

/** An integer, tolerating a numeric string (`"1"`), which some 1.6 firmware sends. */
export function requiredInt(o: Obj, key: string, warnings: string[], min = Number.MIN_SAFE_INTEGER): number {
  const v = o[key];
  if (v === undefined || v === null) {
    throw new PayloadProblem('OccurrenceConstraintViolation', `${key} is required`);
  }
  const n = optionalInt(o, key, warnings);
  if (n === undefined) throw new PayloadProblem('TypeConstraintViolation', `${key} must be an integer`);
  if (n < min) throw new PayloadProblem('PropertyConstraintViolation', `${key} must be >= ${min}`);
  return n;
}

export function optionalInt(o: Obj, key: string, warnings: string[]): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
    warnings.push(`${key} sent as a string`);
    return Number(v.trim());
  }
  return undefined;
}

/** A number (meter readings may be decimals or numeric strings in the wild). */
export function requiredNumber(o: Obj, key: string, warnings: string[]): number {
  const v = o[key];
  if (v === undefined || v === null) {
    throw new PayloadProblem('OccurrenceConstraintViolation', `${key} is required`);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
    warnings.push(`${key} sent as a string`);
    return Number(v);
  }
  throw new PayloadProblem('TypeConstraintViolation', `${key} must be a number`);
}

export function requiredString(o: Obj, key: string): string {
  const v = o[key];
  if (v === undefined || v === null) {
    throw new PayloadProblem('OccurrenceConstraintViolation', `${key} is required`);
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v === '') {
    throw new PayloadProblem('TypeConstraintViolation', `${key} must be a non-empty string`);
  }
  return v;
}

export function optionalString(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
