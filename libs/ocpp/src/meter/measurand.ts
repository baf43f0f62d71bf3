/**
 * Measurands, units and contexts of OCPP SampledValue (OCPP 1.6 §7.31/§7.45, OCPP 2.0.1 Part 2
 * §2.46/§3.55). Defaults when a field is absent: measurand `Energy.Active.Import.Register`, context
 * `Sample.Periodic`, unit `Wh` (1.6 §7.45; 2.0.1 UnitOfMeasureType default `Wh`).
 */

export const DEFAULT_MEASURAND = 'Energy.Active.Import.Register';
export const DEFAULT_CONTEXT = 'Sample.Periodic';

export const READING_CONTEXTS = [
  'Sample.Periodic',
  'Sample.Clock',
  'Transaction.Begin',
  'Transaction.End',
  'Trigger',
  'Interruption.Begin',
  'Interruption.End',
  'Other',
] as const;
export type ReadingContext = (typeof READING_CONTEXTS)[number];

/** Reads a context; unknown values become `Other` rather than failing (chargers send odd contexts). */
export function readContext(value: unknown): ReadingContext {
  if (value === undefined || value === null || value === '') return DEFAULT_CONTEXT;
  const found = READING_CONTEXTS.find((c) => c.toLowerCase() === String(value).toLowerCase());
  return found ?? 'Other';
}

/** Power of ten to the base unit of each dimension we keep: Wh, W, A, %. */
const UNIT_EXPONENTS: Readonly<Record<string, number>> = {
  wh: 0,
  kwh: 3,
  w: 0,
  kw: 3,
  a: 0,
  percent: 0,
  '%': 0,
};

/** Exponent to apply for `unit`, or undefined for a unit we cannot convert (then the value is skipped). */
export function unitExponent(unit: string | undefined, fallback: string): number | undefined {
  return UNIT_EXPONENTS[(unit ?? fallback).trim().toLowerCase()];
}

/**
 * Scales a decimal by a power of ten without binary rounding noise: `Number("12.345e3")` is exactly
 * 12345, whereas `12.345 * 1000` is 12344.999999999998.
 */
export function scaleDecimal(value: string | number, exponent: number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const n = Number(`${m[1]}e${Number(m[2] ?? 0) + exponent}`);
  return Number.isFinite(n) ? n : undefined;
}

/** Default unit per measurand when the charger omits it (1.6 §7.45 says `Wh`, which fits only energy). */
export function defaultUnitOf(measurand: string): string {
  if (measurand.startsWith('Energy')) return 'Wh';
  if (measurand.startsWith('Power')) return 'W';
  if (measurand.startsWith('Current')) return 'A';
  if (measurand === 'SoC') return 'Percent';
  return 'Wh';
}
