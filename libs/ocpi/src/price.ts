import Decimal from 'decimal.js';
import { z } from 'zod';
import { OcpiAmount, ocpiString, OcpiNumber, type OcpiVersion } from './primitives';

/** OCPI 2.2.1 Price. */
export const Price221 = z.object({
  excl_vat: OcpiAmount,
  incl_vat: OcpiAmount.optional(),
});
export type Price221 = z.infer<typeof Price221>;

/** OCPI 2.3.0 TaxAmount. */
export const TaxAmount = z.object({
  name: ocpiString(255).min(1),
  account_number: ocpiString(255).optional(),
  percentage: OcpiNumber.optional(),
  amount: OcpiAmount,
});
export type TaxAmount = z.infer<typeof TaxAmount>;

/** OCPI 2.3.0 Price. */
export const Price230 = z.object({
  before_taxes: OcpiAmount,
  taxes: z.array(TaxAmount).optional(),
});
export type Price230 = z.infer<typeof Price230>;

/** OCPI 2.3.0 PriceLimit (Tariff min_price / max_price). */
export const PriceLimit = z.object({
  before_taxes: OcpiAmount,
  after_taxes: OcpiAmount.optional(),
});
export type PriceLimit = z.infer<typeof PriceLimit>;

/**
 * A 2.3.0 Price as peers write it: some carry the gross amount in `after_taxes` (PriceLimit's field name)
 * instead of, or besides, a `taxes` list.
 */
const Price230Input = Price230.extend({ after_taxes: OcpiAmount.optional() });

/**
 * A Price as peers send it: either version's shape (the 2.3.0 FAC examples use the 2.2.1 shape, digest 1.7.3).
 * Unknown fields are ignored.
 */
export const AnyPrice = z.union([Price230Input, Price221], {
  error: 'expected a Price: {before_taxes, taxes?} (2.3.0) or {excl_vat, incl_vat?} (2.2.1)',
});
export type AnyPrice = z.infer<typeof AnyPrice>;

export const priceSchemaFor = (version: OcpiVersion) => (version === '2.2.1' ? Price221 : Price230);

/**
 * An amount with both tax views as exact decimal strings in plain notation (no exponent), at most 10
 * fraction digits (beyond that a JSON number carries only float noise); `inclVat` undefined when unknown.
 */
export interface NormalizedPrice {
  exclVat: string;
  inclVat: string | undefined;
}

const dec = (n: number) => new Decimal(n.toString());
const plain = (d: Decimal) => d.toDecimalPlaces(10).toFixed();

/**
 * Reads either Price shape. 2.3.0: incl. taxes = before_taxes + the tax amounts; without a `taxes` list, an
 * `after_taxes` is the gross amount, and with neither the price has no taxes.
 */
export function normalizePrice(price: AnyPrice): NormalizedPrice {
  if ('before_taxes' in price) {
    const taxes = price.taxes ?? [];
    if (taxes.length === 0 && 'after_taxes' in price && price.after_taxes !== undefined)
      return { exclVat: plain(dec(price.before_taxes)), inclVat: plain(dec(price.after_taxes)) };
    const incl = taxes.reduce((sum, t) => sum.plus(dec(t.amount)), dec(price.before_taxes));
    return { exclVat: plain(dec(price.before_taxes)), inclVat: plain(incl) };
  }
  return {
    exclVat: plain(dec(price.excl_vat)),
    inclVat: price.incl_vat === undefined ? undefined : plain(dec(price.incl_vat)),
  };
}

/**
 * The strict 2.3.0 Price of any accepted reading: a 2.3.0 tax list is kept as sent (names, percentages),
 * anything else becomes one `VAT` TaxAmount for the difference (none when there is no tax).
 */
export function toPrice230(price: AnyPrice): Price230 {
  if ('before_taxes' in price && price.taxes !== undefined && price.taxes.length > 0)
    return { before_taxes: price.before_taxes, taxes: price.taxes };
  return toVersionPrice('2.3.0', normalizePrice(price)) as Price230;
}

/** The gross amount a Price stands for: incl. taxes when known, else the net amount. */
export function grossAmount(price: AnyPrice): string {
  const p = normalizePrice(price);
  return p.inclVat ?? p.exclVat;
}

/**
 * Builds a Price in a version's shape from exact decimal strings. In 2.3.0 the tax difference becomes one
 * `VAT` TaxAmount (omitted when there is no tax).
 */
export function toVersionPrice(
  version: OcpiVersion,
  amount: { exclVat: string; inclVat?: string | undefined },
): Price221 | Price230 {
  const excl = new Decimal(amount.exclVat);
  if (version === '2.2.1') {
    return amount.inclVat === undefined
      ? { excl_vat: excl.toNumber() }
      : { excl_vat: excl.toNumber(), incl_vat: new Decimal(amount.inclVat).toNumber() };
  }
  const tax = amount.inclVat === undefined ? new Decimal(0) : new Decimal(amount.inclVat).minus(excl);
  return tax.isZero()
    ? { before_taxes: excl.toNumber() }
    : { before_taxes: excl.toNumber(), taxes: [{ name: 'VAT', amount: tax.toNumber() }] };
}
