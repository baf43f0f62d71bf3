import Decimal from 'decimal.js';

/** Exact decimals for billing: 40 significant digits, half-up (commercial rounding), never binary floats. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const ZERO = new Dec(0);

export function dec(value: string | number | Decimal): Decimal {
  return new Dec(value);
}

/** Minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, BHD 3), as the runtime's ICU knows them. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/** A fixed-point text without a negative zero ("-0.00" -> "0.00"). */
export function fixed(value: Decimal, digits: number): string {
  const v = value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  return (v.isZero() ? new Dec(0) : v).toFixed(digits);
}

/** Rounds money to the currency's minor unit, half up (the card amount). */
export function toMinor(value: Decimal | string, currency: string): string {
  return fixed(dec(value), minorDigits(currency));
}

/** OCPI's 4-decimal precision, as the tariff engine writes amounts. */
export function toOcpi4(value: Decimal | string): string {
  return fixed(dec(value), 4);
}

/** A canonical quantity text: no trailing zeros, no exponent. */
export function quantityText(value: Decimal | string): string {
  const v = dec(value);
  return v.isZero() ? '0' : v.toFixed();
}
