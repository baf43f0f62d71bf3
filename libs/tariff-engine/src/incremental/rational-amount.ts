import { Rational } from '../money/rational';
import { AMOUNT_DECIMALS } from '../money/decimal';
import type { Amount, TaxLine } from '../pricing/session-price.types';
import type { FixedPointTariff, TaxGroup } from './fixed-point-tariff';

interface RationalTax {
  readonly group: TaxGroup | undefined;
  readonly amount: Rational;
}

/** An exact amount: incl = excl + sum of taxes. Mirrors the reference pricer's ExactAmount. */
export interface RationalAmount {
  readonly excl: Rational;
  readonly taxes: readonly RationalTax[];
}

/** Turns per-tax-group sums (in fixed-point units, at the tariff's price basis) into net amount + taxes. */
export function amountFromGroups(fp: FixedPointTariff, basis: readonly bigint[]): RationalAmount {
  let exclN = 0n;
  let exclExtra: Rational | undefined;
  const taxes: RationalTax[] = [];
  basis.forEach((b, g) => {
    const group = fp.groups[g] as TaxGroup;
    if (g === 0 || group.percentage === undefined) {
      exclN += b;
    } else if (fp.taxIncluded === 'YES') {
      // net = gross x 100 / (100 + rate)
      const hundred = 100n * group.rateD;
      const net = new Rational(b * hundred, fp.den * (hundred + group.rateN));
      exclExtra = exclExtra ? exclExtra.add(net) : net;
      if (b !== 0n && group.rateN !== 0n) taxes.push({ group, amount: new Rational(b, fp.den).sub(net) });
    } else {
      exclN += b;
      if (b !== 0n && group.rateN !== 0n)
        taxes.push({ group, amount: new Rational(b * group.rateN, fp.den * 100n * group.rateD) });
    }
  });
  const base = new Rational(exclN, fp.den);
  return { excl: exclExtra ? base.add(exclExtra) : base, taxes };
}

export function inclOf(a: RationalAmount): Rational {
  let incl = a.excl;
  for (const t of a.taxes) incl = incl.add(t.amount);
  return incl;
}

export interface LimitedRationalAmount {
  readonly amount: RationalAmount;
  readonly incl: Rational;
  readonly minApplied: boolean;
  readonly maxApplied: boolean;
}

/** min_price / max_price, by the same rules as the reference pricer (exact-amount.ts). */
export function applyLimits(fp: FixedPointTariff, total: RationalAmount): LimitedRationalAmount {
  const excl = total.excl;
  const incl = inclOf(total);
  const min = fp.minPrice;
  const max = fp.maxPrice;
  if (!min && !max) return { amount: total, incl, minApplied: false, maxApplied: false };
  let newExcl = excl;
  let exclBound: 'min' | 'max' | undefined;
  if (min && excl.cmp(min.before) < 0) [newExcl, exclBound] = [min.before, 'min'];
  if (max && excl.cmp(max.before) > 0) [newExcl, exclBound] = [max.before, 'max'];
  let newIncl = incl;
  const grossMissing =
    exclBound === 'min' ? min?.after === undefined : exclBound === 'max' ? max?.after === undefined : false;
  if (grossMissing)
    newIncl = excl.isZero()
      ? newExcl
      : new Rational(incl.n * newExcl.n * excl.d, incl.d * newExcl.d * excl.n);
  let inclBound: 'min' | 'max' | undefined;
  if (min?.after && newIncl.cmp(min.after) < 0) [newIncl, inclBound] = [min.after, 'min'];
  if (max?.after && newIncl.cmp(max.after) > 0) [newIncl, inclBound] = [max.after, 'max'];
  if (newExcl.cmp(excl) === 0 && newIncl.cmp(incl) === 0)
    return { amount: total, incl, minApplied: false, maxApplied: false };
  const tax = newIncl.sub(newExcl);
  const single = total.taxes.length === 1 ? total.taxes[0]?.group : undefined;
  return {
    amount: { excl: newExcl, taxes: tax.isZero() ? [] : [{ group: single, amount: tax }] },
    incl: newIncl,
    minApplied: exclBound === 'min' || inclBound === 'min',
    maxApplied: exclBound === 'max' || inclBound === 'max',
  };
}

/** Rounds like the reference pricer's toAmount: 4 decimals half up, tax lines add up to incl - excl. */
export function toAmount(a: RationalAmount, incl: Rational = inclOf(a)): Amount {
  const excl = a.excl.scaled(AMOUNT_DECIMALS);
  const gross = incl.scaled(AMOUNT_DECIMALS);
  const exclVat = Rational.formatScaled(excl, AMOUNT_DECIMALS);
  const inclVat = Rational.formatScaled(gross, AMOUNT_DECIMALS);
  if (a.taxes.length === 0) return { exclVat, inclVat, taxes: [] };
  const ordered = a.taxes.length === 1 ? a.taxes : [...a.taxes].sort(compareGroups);
  let remaining = gross - excl;
  const taxes: TaxLine[] = ordered.map((t, i) => {
    const amount = i === ordered.length - 1 ? remaining : t.amount.scaled(AMOUNT_DECIMALS);
    remaining -= amount;
    const percentage = t.group?.percentage;
    return {
      name: 'VAT',
      ...(percentage !== undefined ? { percentage } : {}),
      amount: Rational.formatScaled(amount, AMOUNT_DECIMALS),
    };
  });
  return { exclVat, inclVat, taxes };
}

function compareGroups(a: RationalTax, b: RationalTax): number {
  if (a.group === undefined || b.group === undefined)
    return a.group === undefined ? (b.group === undefined ? 0 : 1) : -1;
  return new Rational(a.group.rateN, a.group.rateD).cmp(new Rational(b.group.rateN, b.group.rateD));
}
