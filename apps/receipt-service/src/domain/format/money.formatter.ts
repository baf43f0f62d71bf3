import Decimal from 'decimal.js';

/**
 * Formats an exact decimal amount as money in a locale, never through a binary float.
 *
 * 1. decimal.js rounds the decimal string to the currency's minor units (half-up, commercial rounding; the
 *    invoice amounts already have them, a running cost like "0.6134" is shown as 0.61).
 * 2. That final string goes to `Intl.NumberFormat#formatToParts` as a *string*: ECMA-402 (NumberFormat v3,
 *    Node >= 19) reads it as an exact decimal, so "12345678901234567.89" keeps every digit.
 * 3. The digits in the parts are read back and compared with the string we passed. If they differ (an engine
 *    that turned the string into a Number), the same parts are rebuilt from the exact integer part formatted
 *    as a BigInt (always exact) and our own fraction digits. Either way the digits shown are ours.
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const nf = numberFormat(locale, currency);
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  let rounded = new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  if (rounded.isZero()) rounded = rounded.abs(); // no "-0.00"
  const text = rounded.toFixed(digits);
  const parts = nf.formatToParts(text as Intl.StringNumericLiteral);
  if (digitsOf(parts) === text) return join(parts);
  return formatFixedViaBigInt(nf, text);
}

/** Minor-unit digits of a currency (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return numberFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { style: 'currency', currency, numberingSystem: 'latn' });
    cache.set(key, nf);
  }
  return nf;
}

/** The number the parts show, as "-123.45" (group separators dropped, decimal mark normalised). */
export function digitsOf(parts: Intl.NumberFormatPart[]): string {
  let sign = '';
  let int = '';
  let frac = '';
  for (const p of parts) {
    if (p.type === 'minusSign') sign = '-';
    else if (p.type === 'integer') int += p.value;
    else if (p.type === 'fraction') frac += p.value;
  }
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

const join = (parts: Intl.NumberFormatPart[]) => parts.map((p) => p.value).join('');

/** The fallback path, exported for its tests: exact on any engine (BigInt formatting is exact). */
export function formatFixedViaBigInt(nf: Intl.NumberFormat, text: string): string {
  const negative = text.startsWith('-');
  const [intText = '0', fracText = ''] = (negative ? text.slice(1) : text).split('.');
  const int = BigInt(intText);
  // A zero integer part cannot carry a sign as a BigInt: format -1 and put the 0 back.
  const template = negative ? -(int === 0n ? 1n : int) : int;
  const parts = nf.formatToParts(template);
  let fractionPlaced = false;
  const out = parts.map((p) => {
    if (p.type === 'integer' && int === 0n) return { ...p, value: '0' };
    if (p.type === 'fraction') {
      fractionPlaced = true;
      return { ...p, value: fracText };
    }
    return p;
  });
  if (!fractionPlaced && fracText) throw new Error(`cannot place fraction digits of ${text}`);
  return join(out);
}
