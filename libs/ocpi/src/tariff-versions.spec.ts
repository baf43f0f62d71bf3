import { tariffTo221, tariffTo230 } from './tariff-versions';
import { Tariff221, Tariff230 } from './tariffs';

const base = {
  country_code: 'NL',
  party_id: 'TPC',
  id: 'T-ADHOC',
  currency: 'EUR',
  type: 'AD_HOC_PAYMENT' as const,
  elements: [{ price_components: [{ type: 'ENERGY' as const, price: 0.605, vat: 21, step_size: 1 }] }],
  last_updated: '2025-01-01T00:00:00Z',
};

describe('tariff shape conversion (2.2.1 <-> 2.3.0)', () => {
  it('2.3.0 -> 2.2.1 turns PriceLimit into Price and drops 2.3.0-only fields', () => {
    const t = Tariff230.parse({
      ...base,
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.5, vat: 21, step_size: 1 }] }],
      tax_included: 'NO',
      preauthorize_amount: 50,
      max_price: { before_taxes: 41.32, after_taxes: 50 },
    });
    const out = Tariff221.parse(tariffTo221(t));
    expect(out.max_price).toEqual({ excl_vat: 41.32, incl_vat: 50 });
    expect(out).not.toHaveProperty('tax_included');
    expect(out).not.toHaveProperty('preauthorize_amount');
    expect(out.elements[0]?.price_components[0]?.price).toBe(0.5);
  });

  it('2.3.0 tax_included YES -> 2.2.1 net price (price / (1 + vat))', () => {
    const t = Tariff230.parse({ ...base, tax_included: 'YES' });
    expect(tariffTo221(t).elements[0]?.price_components[0]?.price).toBe(0.5);
  });

  it('2.2.1 -> 2.3.0 marks tax as not included and carries the pre-authorisation amount', () => {
    const t = Tariff221.parse({ ...base, min_price: { excl_vat: 1, incl_vat: 1.21 } });
    const out = Tariff230.parse(tariffTo230(t, 50));
    expect(out.tax_included).toBe('NO');
    expect(out.min_price).toEqual({ before_taxes: 1, after_taxes: 1.21 });
    expect(out.preauthorize_amount).toBe(50);
  });
});
