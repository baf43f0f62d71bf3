import Decimal from 'decimal.js';
import { z } from 'zod';
import { ocpiString, OcpiNumber, type OcpiVersion } from './primitives';

/** OCPI 2.2.1 Price. */
export const Price221 = z.object({
  excl_vat: OcpiNumber,
  incl_vat: OcpiNumber.optional(),
});
export type Price221 = z.infer<typeof Price221>;

/** OCPI 2.3.0 TaxAmount. */
export const TaxAmount = z.object({
  name: ocpiString(255).min(1),
  account_number: ocpiString(255).optional(),
  percentage: OcpiNumber.optional(),
  amount: OcpiNumber,
});
export type TaxAmount = z.infer<typeof TaxAmount>;

/** OCPI 2.3.0 Price. */
export const Price230 = z.object({
  before_taxes: OcpiNumber,
  taxes: z.array(TaxAmount).optional(),
});
export type Price230 = z.infer<typeof Price230>;

/** OCPI 2.3.0 PriceLimit (Tariff min_price / max_price). */
export const PriceLimit = z.object({
  before_taxes: OcpiNumber,
  after_taxes: OcpiNumber.optional(),
});
export type PriceLimit = z.infer<typeof PriceLimit>;

/**
 * A 2.3.0 Price as peers write it: some carry the gross amount in `after_taxes` (PriceLimit's field name)
 * instead of, or besides, a `taxes` list.
 */
const Price230Input = Price230.extend({ after_taxes: OcpiNumber.optional() });

/**
 * A Price as peers send it: either version's shape (the 2.3.0 FAC examples use the 2.2.1 shape, digest 1.7.3).
 * Unknown fields are ignored.
 */
export const AnyPrice = z.union([Price230Input, Price221], {
  error: 'expected a Price: {before_taxes, taxes?} (2.3.0) or {excl_vat, incl_vat?} (2.2.1)',
});
export type AnyPrice = z.infer<typeof AnyPrice>;

export const priceSchemaFor = (version: OcpiVersion) => (version === '2.2.1' ? Price221 : Price230);

/** An amount with both tax views as exact decimal strings; `inclVat` undefined when unknown. */
export interface NormalizedPrice {
  exclVat: string;
  inclVat: string | undefined;
}

const dec = (n: number) => new Decimal(n.toString());

/**
 * Reads either Price shape. 2.3.0: incl. taxes = before_taxes + the tax amounts; without a `taxes` list, an
 * `after_taxes` is the gross amount, and with neither the price has no taxes.
 */
export function normalizePrice(price: AnyPrice): NormalizedPrice {
  if ('before_taxes' in price) {
    const taxes = price.taxes ?? [];
    if (taxes.length === 0 && 'after_taxes' in price && price.after_taxes !== undefined)
      return { exclVat: dec(price.before_taxes).toString(), inclVat: dec(price.after_taxes).toString() };
    const incl = taxes.reduce((sum, t) => sum.plus(dec(t.amount)), dec(price.before_taxes));
    return { exclVat: dec(price.before_taxes).toString(), inclVat: incl.toString() };
  }
  return {
    exclVat: dec(price.excl_vat).toString(),
    inclVat: price.incl_vat === undefined ? undefined : dec(price.incl_vat).toString(),
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
