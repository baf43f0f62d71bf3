import Decimal from 'decimal.js';
import type { Tariff221, Tariff230 } from './tariffs';

/**
 * Converts a 2.3.0 Tariff to the 2.2.1 shape: PriceLimit -> Price, `tax_included`/`preauthorize_amount`
 * dropped. 2.2.1 prices are net: with `tax_included` YES a component's price is divided by (1 + vat/100).
 */
export function tariffTo221(t: Tariff230): Tariff221 {
  const { tax_included, preauthorize_amount: _pre, min_price, max_price, elements, ...rest } = t;
  const out: Tariff221 = {
    ...rest,
    elements: elements.map((e) => ({
      ...e,
      price_components: e.price_components.map((c) =>
        tax_included === 'YES' && c.vat !== undefined
          ? {
              ...c,
              price: new Decimal(c.price.toString())
                .div(new Decimal(1).plus(new Decimal(c.vat.toString()).div(100)))
                .toDecimalPlaces(4)
                .toNumber(),
            }
          : c,
      ),
    })),
  };
  if (min_price) out.min_price = limitToPrice(min_price);
  if (max_price) out.max_price = limitToPrice(max_price);
  return out;
}

/**
 * Converts a 2.2.1 Tariff to the 2.3.0 shape: Price -> PriceLimit. 2.2.1 prices are net with VAT on top,
 * which 2.3.0 calls `tax_included: NO`; `preauthorize_amount` is filled by the caller when known.
 */
export function tariffTo230(t: Tariff221, preauthorizeAmount?: number): Tariff230 {
  const { min_price, max_price, ...rest } = t;
  const out: Tariff230 = { ...rest, tax_included: 'NO' };
  if (min_price) out.min_price = priceToLimit(min_price);
  if (max_price) out.max_price = priceToLimit(max_price);
  if (preauthorizeAmount !== undefined) out.preauthorize_amount = preauthorizeAmount;
  return out;
}

function limitToPrice(l: { before_taxes: number; after_taxes?: number | undefined }) {
  return l.after_taxes === undefined
    ? { excl_vat: l.before_taxes }
    : { excl_vat: l.before_taxes, incl_vat: l.after_taxes };
}

function priceToLimit(p: { excl_vat: number; incl_vat?: number | undefined }) {
  return p.incl_vat === undefined
    ? { before_taxes: p.excl_vat }
    : { before_taxes: p.excl_vat, after_taxes: p.incl_vat };
}
