import type Decimal from 'decimal.js';
import type { AmountText, CdrSummary, CostDimension } from '../cdr/cdr-summary';
import { dec, ZERO } from '../money/money';

/** An invoice line before rounding: exact gross (incl. VAT) at one VAT rate. */
export interface ExactLine {
  description: string;
  quantity: string;
  unit: string;
  rate: Decimal;
  gross: Decimal;
}

const DESCRIPTIONS: Record<CostDimension, string> = {
  FLAT: 'Session fee',
  ENERGY: 'Energy',
  TIME: 'Charging time',
  PARKING_TIME: 'Parking time',
  RESERVATION: 'Reservation',
};

/**
 * An amount split by VAT rate, gross per rate. One tax line: the whole gross at its rate. Several: each
 * rate's net is its tax / rate, the untaxed rest is rate 0; the last part absorbs the 4-decimal rounding so
 * that the parts add up to the amount's gross exactly.
 */
export function grossByRate(a: AmountText): Array<{ rate: Decimal; gross: Decimal }> {
  const incl = dec(a.inclVat);
  const excl = dec(a.exclVat);
  const rateOf = (t: AmountText['taxes'][number]) =>
    t.percentage !== undefined
      ? dec(t.percentage)
      : excl.isZero()
        ? ZERO
        : dec(t.amount).times(100).div(excl).toDecimalPlaces(2);
  if (a.taxes.length === 0) return [{ rate: ZERO, gross: incl }];
  if (a.taxes.length === 1) return [{ rate: rateOf(a.taxes[0] as AmountText['taxes'][number]), gross: incl }];
  const parts = a.taxes.map((t) => {
    const rate = rateOf(t);
    const net = rate.isZero() ? ZERO : dec(t.amount).times(100).div(rate);
    return { rate, gross: net.plus(t.amount) };
  });
  const untaxed = incl.minus(parts.reduce((s, p) => s.plus(p.gross), ZERO));
  if (untaxed.abs().gt('0.0005')) parts.push({ rate: ZERO, gross: untaxed });
  else if (parts.length > 0) {
    const last = parts[parts.length - 1] as { rate: Decimal; gross: Decimal };
    last.gross = last.gross.plus(untaxed);
  }
  return parts;
}

/** The CDR's priced dimensions as exact lines, one per dimension and VAT rate. */
export function dimensionLines(cdr: CdrSummary): ExactLine[] {
  return cdr.dimensions.flatMap((d) => {
    const parts = grossByRate(d.amount);
    return parts.map((p) => ({
      description:
        parts.length > 1
          ? `${DESCRIPTIONS[d.dimension]} (VAT ${p.rate.toFixed()}%)`
          : DESCRIPTIONS[d.dimension],
      quantity: d.quantity,
      unit: d.unit,
      rate: p.rate,
      gross: p.gross,
    }));
  });
}

/**
 * An adjustment (tariff min/max price, cap at the authorised amount, partial capture) as lines: the
 * amount is shared among the VAT rates in proportion to the gross at each rate, so each rate's VAT moves
 * with it. Without priced lines, the rates of `fallback` (the CDR total) are used.
 */
export function adjustmentLines(
  description: string,
  amount: Decimal,
  basis: readonly ExactLine[],
  fallback: AmountText,
): ExactLine[] {
  if (amount.isZero()) return [];
  const byRate = new Map<string, { rate: Decimal; gross: Decimal }>();
  const shares = basis.length > 0 ? basis : grossByRate(fallback);
  for (const l of shares) {
    const k = l.rate.toFixed();
    const known = byRate.get(k);
    byRate.set(k, { rate: l.rate, gross: (known?.gross ?? ZERO).plus(l.gross) });
  }
  const groups = [...byRate.values()];
  const total = groups.reduce((s, g) => s.plus(g.gross), ZERO);
  if (total.isZero() || groups.length === 1) {
    const rate = groups[0]?.rate ?? ZERO;
    return [{ description, quantity: '1', unit: 'adjustment', rate, gross: amount }];
  }
  let left = amount;
  return groups.map((g, i) => {
    const part = i === groups.length - 1 ? left : amount.times(g.gross).div(total);
    left = left.minus(part);
    return {
      description: `${description} (VAT ${g.rate.toFixed()}%)`,
      quantity: '1',
      unit: 'adjustment',
      rate: g.rate,
      gross: part,
    };
  });
}
