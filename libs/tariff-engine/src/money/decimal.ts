import DecimalJs from 'decimal.js';

/**
 * The engine's own Decimal: 60 significant digits and half-up rounding, independent of any global
 * `Decimal.set` elsewhere in the process. Money is computed exactly with it (all intermediate values
 * are finite decimals at that precision, see ADR 0003); rounding happens once, when an amount is shown.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

/** Decimal places of every amount the engine reports (OCPI numbers carry 4 decimals). */
export const AMOUNT_DECIMALS = 4;

export const ZERO = new Decimal(0);

/** Amount as a fixed-point string, half-up rounded ("5.6250"). */
export function formatAmount(value: Decimal, decimals: number = AMOUNT_DECIMALS): string {
  const text = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  return text.startsWith('-') && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A quantity (kWh, hours) with at most `maxDecimals` decimals and no trailing zeros ("2.5"). */
export function formatQuantity(value: Decimal, maxDecimals = 6): string {
  return new Decimal(value.toFixed(maxDecimals, Decimal.ROUND_HALF_UP)).toFixed();
}

/** Parses a decimal given as a JSON number or a decimal string; undefined when it is not one. */
export function parseDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(String(value)) : undefined;
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    return new Decimal(value.trim());
  }
  return undefined;
}
