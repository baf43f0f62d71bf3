import { Decimal, ZERO, formatAmount } from '../money/decimal';
import type { PriceLimit } from '../tariff/tariff.model';
import type { TaxIncluded } from '../tariff/ocpi-tariff.types';
import type { Amount, TaxLine } from './session-price.types';

/**
 * The reference pricer keeps money scaled by 3600 ("money-seconds"): price x seconds for time,
 * price x Wh x 3.6 for energy, price x 3600 for flat fees. Every such value is a finite decimal,
 * so sums are exact; the single division by 3600 happens when an amount is formatted.
 */
export const SCALE = new Decimal(3600);

export interface TaxPart {
  /** VAT percentage; undefined when the tax has no single rate. */
  readonly vat: Decimal | undefined;
  readonly amount: Decimal;
}

/** An exact amount in scaled units: incl = excl + sum of taxes. */
export interface ExactAmount {
  readonly excl: Decimal;
  readonly taxes: readonly TaxPart[];
}

export const EMPTY_AMOUNT: ExactAmount = { excl: ZERO, taxes: [] };

export function inclOf(a: ExactAmount): Decimal {
  return a.taxes.reduce((sum, t) => sum.plus(t.amount), a.excl);
}

/** Sums amounts priced at the tariff's `price` basis (gross or net per `tax_included`), grouped by VAT rate. */
export class AmountBuilder {
  private readonly groups = new Map<string, { vat: Decimal | undefined; basis: Decimal }>();

  constructor(private readonly taxIncluded: TaxIncluded) {}

  add(vat: Decimal | undefined, basis: Decimal): this {
    const key = vat === undefined || this.taxIncluded === 'N/A' ? '' : vat.toFixed();
    const group = this.groups.get(key);
    if (group) group.basis = group.basis.plus(basis);
    else this.groups.set(key, { vat: key === '' ? undefined : vat, basis });
    return this;
  }

  build(): ExactAmount {
    let excl = ZERO;
    const taxes: TaxPart[] = [];
    for (const { vat, basis } of this.groups.values()) {
      if (vat === undefined) {
        excl = excl.plus(basis);
      } else if (this.taxIncluded === 'YES') {
        const net = basis.times(100).div(vat.plus(100));
        excl = excl.plus(net);
        taxes.push({ vat, amount: basis.minus(net) });
      } else {
        excl = excl.plus(basis);
        taxes.push({ vat, amount: basis.times(vat).div(100) });
      }
    }
    return { excl, taxes: taxes.filter((t) => !t.amount.isZero()) };
  }
}

export function sumAmounts(amounts: readonly ExactAmount[]): ExactAmount {
  const byRate = new Map<string, TaxPart>();
  let excl = ZERO;
  for (const a of amounts) {
    excl = excl.plus(a.excl);
    for (const t of a.taxes) {
      const key = t.vat?.toFixed() ?? '';
      const known = byRate.get(key);
      byRate.set(key, { vat: t.vat, amount: known ? known.amount.plus(t.amount) : t.amount });
    }
  }
  return { excl, taxes: [...byRate.values()].filter((t) => !t.amount.isZero()) };
}

export interface LimitedAmount {
  readonly amount: ExactAmount;
  readonly minApplied: boolean;
  readonly maxApplied: boolean;
}

/**
 * min_price / max_price: the net total is clamped by the net bound and the gross total by the gross
 * bound, independently (OCPI: "they both apply"). A bound without a gross value scales the gross
 * total along with the net one (same tax ratio).
 */
export function applyPriceLimits(
  total: ExactAmount,
  min: PriceLimit | undefined,
  max: PriceLimit | undefined,
): LimitedAmount {
  const excl = total.excl;
  const incl = inclOf(total);
  const scaled = (v: string | undefined) => (v === undefined ? undefined : new Decimal(v).times(SCALE));
  const minB = scaled(min?.beforeTaxes);
  const minA = scaled(min?.afterTaxes);
  const maxB = scaled(max?.beforeTaxes);
  const maxA = scaled(max?.afterTaxes);

  let newExcl = excl;
  let exclBound: 'min' | 'max' | undefined;
  if (minB && excl.lt(minB)) [newExcl, exclBound] = [minB, 'min'];
  if (maxB && excl.gt(maxB)) [newExcl, exclBound] = [maxB, 'max'];
  let newIncl = incl;
  const grossBoundMissing =
    exclBound === 'min' ? minA === undefined : exclBound === 'max' ? maxA === undefined : false;
  if (grossBoundMissing) newIncl = excl.isZero() ? newExcl : incl.times(newExcl).div(excl);
  let inclBound: 'min' | 'max' | undefined;
  if (minA && newIncl.lt(minA)) [newIncl, inclBound] = [minA, 'min'];
  if (maxA && newIncl.gt(maxA)) [newIncl, inclBound] = [maxA, 'max'];

  if (newExcl.eq(excl) && newIncl.eq(incl)) return { amount: total, minApplied: false, maxApplied: false };
  const rates = total.taxes.filter((t) => t.vat !== undefined);
  const tax = newIncl.minus(newExcl);
  const single = rates.length === 1 ? rates[0]?.vat : undefined;
  return {
    amount: {
      excl: newExcl,
      taxes: tax.isZero() ? [] : [{ vat: single, amount: tax }],
    },
    minApplied: exclBound === 'min' || inclBound === 'min',
    maxApplied: exclBound === 'max' || inclBound === 'max',
  };
}

/** Rounds an exact scaled amount for output; tax lines add up exactly to inclVat - exclVat. */
export function toAmount(a: ExactAmount): Amount {
  const exclText = formatAmount(a.excl.div(SCALE));
  const inclText = formatAmount(inclOf(a).div(SCALE));
  const taxes: TaxLine[] = [];
  let remaining = new Decimal(inclText).minus(exclText);
  const ordered = [...a.taxes].sort(compareRates);
  ordered.forEach((t, i) => {
    const amount = i === ordered.length - 1 ? remaining : new Decimal(formatAmount(t.amount.div(SCALE)));
    remaining = remaining.minus(amount);
    taxes.push({
      name: 'VAT',
      ...(t.vat !== undefined ? { percentage: t.vat.toFixed() } : {}),
      amount: formatAmount(amount),
    });
  });
  return { exclVat: exclText, inclVat: inclText, taxes };
}

/** Tax lines in a stable order (ascending rate, rate-less last): rounding gives the remainder to the last. */
function compareRates(a: TaxPart, b: TaxPart): number {
  if (a.vat === undefined || b.vat === undefined)
    return a.vat === undefined ? (b.vat === undefined ? 0 : 1) : -1;
  return a.vat.cmp(b.vat);
}
