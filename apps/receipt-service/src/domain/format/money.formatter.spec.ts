import { currencyDigits, digitsOf, formatFixedViaBigInt, formatMoney } from './money.formatter';

const NBSP = '\u00a0';

describe('formatMoney (exact decimal strings, per locale)', () => {
  it.each([
    ['11.66', 'EUR', 'en', '€11.66'],
    ['11.66', 'EUR', 'en-GB', '€11.66'],
    ['11.66', 'EUR', 'de', `11,66${NBSP}€`],
    ['11.66', 'EUR', 'nl', `€${NBSP}11,66`],
    ['1234567.5', 'EUR', 'de', `1.234.567,50${NBSP}€`],
    ['0.725', 'EUR', 'en', '€0.73'], // half-up, not banker's and not float (0.725 is 0.72499.. as a double)
    ['0.7249', 'EUR', 'en', '€0.72'],
    ['3.5574', 'EUR', 'en', '€3.56'],
    ['-4.84', 'EUR', 'de', `-4,84${NBSP}€`],
    ['-0.001', 'EUR', 'en', '€0.00'], // no negative zero
    ['0', 'EUR', 'nl', `€${NBSP}0,00`],
    ['12345678901234567.89', 'EUR', 'en', '€12,345,678,901,234,567.89'], // beyond 2^53: every digit kept
    ['1234.5', 'JPY', 'en', '¥1,235'],
    ['1.2345', 'KWD', 'en', `KWD${NBSP}1.235`],
    ['99.999', 'USD', 'en', '$100.00'],
  ])('%s %s in %s -> %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });

  it('rejects a non-decimal amount instead of guessing', () => {
    expect(() => formatMoney('12,50', 'EUR', 'en')).toThrow();
  });

  it.each([
    ['en', 'EUR', '12345678901234567.89'],
    ['de', 'EUR', '-0.50'],
    ['nl', 'EUR', '-1234.05'],
    ['en', 'JPY', '42'],
    ['de', 'EUR', '0.00'],
  ])('the BigInt fallback formats %s %s %s exactly like the string path', (locale, currency, text) => {
    const nf = new Intl.NumberFormat(locale, { style: 'currency', currency, numberingSystem: 'latn' });
    expect(formatFixedViaBigInt(nf, text)).toBe(formatMoney(text, currency, locale));
  });

  it('reads the digits back from formatted parts (the round-trip check)', () => {
    const nf = new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' });
    expect(digitsOf(nf.formatToParts('-1234.50' as Intl.StringNumericLiteral))).toBe('-1234.50');
    // The same amount as a binary float has already lost digits: the reason amounts stay strings.
    expect(digitsOf(nf.formatToParts(Number('12345678901234567.89')))).not.toBe('12345678901234567.89');
  });

  it.each([
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });
});
