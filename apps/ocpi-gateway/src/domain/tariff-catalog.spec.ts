import { Tariff221, Tariff230 } from '@tapcharge/ocpi';
import { TariffCatalog, type StoredTariff } from './tariff-catalog';

const base = {
  country_code: 'NL',
  party_id: 'TPC',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.4, vat: 21, step_size: 1 }] }],
  last_updated: '2025-01-01T00:00:00Z',
};
const t230 = (id: string, extra: Record<string, unknown> = {}): StoredTariff => ({
  id,
  version: '2.3.0',
  tariff: Tariff230.parse({ ...base, id, tax_included: 'NO', ...extra }),
  appliesTo: [],
  lastUpdated: base.last_updated,
});
const t221 = (id: string, extra: Record<string, unknown> = {}): StoredTariff => ({
  id,
  version: '2.2.1',
  tariff: Tariff221.parse({ ...base, id, ...extra }),
  appliesTo: [],
  lastUpdated: base.last_updated,
});

describe('TariffCatalog.limitInclVat (DESIGN §5: the limit incl. VAT)', () => {
  it.each([
    ['2.3.0 preauthorize_amount only', t230('a', { preauthorize_amount: 30 }), '30.00'],
    [
      '2.3.0 gross max_price lower than the pre-auth',
      t230('a', { preauthorize_amount: 30, max_price: { before_taxes: 20, after_taxes: 24.2 } }),
      '24.20',
    ],
    [
      '2.3.0 max_price without gross bound and taxes apply -> default',
      t230('a', { max_price: { before_taxes: 20 } }),
      '50.00',
    ],
    [
      '2.3.0 max_price, tax N/A -> the net bound is the gross one',
      t230('a', { tax_included: 'N/A', max_price: { before_taxes: 20 } }),
      '20.00',
    ],
    ['2.2.1 max_price incl_vat', t221('a', { max_price: { excl_vat: 10, incl_vat: 12.1 } }), '12.10'],
    ['nothing -> configured default', t221('a'), '50.00'],
  ])('%s', (_name, tariff, expected) => {
    expect(new TariffCatalog('50.00').limitInclVat(tariff)).toBe(expected);
  });
});

describe('TariffCatalog.selectFor', () => {
  const at = new Date('2025-06-01T12:00:00Z');
  it.each([
    [
      'AD_HOC_PAYMENT preferred over REGULAR',
      [t230('reg', { type: 'REGULAR' }), t230('adhoc', { type: 'AD_HOC_PAYMENT' })],
      ['reg', 'adhoc'],
      'adhoc',
    ],
    [
      'expired tariff skipped',
      [
        t230('old', { type: 'AD_HOC_PAYMENT', end_date_time: '2025-01-01T00:00:00Z' }),
        t230('new', { type: 'AD_HOC_PAYMENT' }),
      ],
      ['old', 'new'],
      'new',
    ],
    [
      'future tariff skipped',
      [t230('future', { type: 'AD_HOC_PAYMENT', start_date_time: '2026-01-01T00:00:00Z' }), t230('any')],
      ['future', 'any'],
      'any',
    ],
    ['unknown ids ignored', [t230('x')], ['nope'], undefined],
  ])('%s', (_name, tariffs, ids, expected) => {
    const c = new TariffCatalog('50.00');
    tariffs.forEach((t) => c.upsert(t));
    expect(c.selectFor(ids, at)?.id).toBe(expected);
  });

  it('an older update never replaces a newer one (compacted topic replays)', () => {
    const c = new TariffCatalog('50.00');
    expect(c.upsert({ ...t230('a'), lastUpdated: '2025-02-01T00:00:00Z' })).toBe(true);
    expect(c.upsert({ ...t230('a'), lastUpdated: '2025-01-01T00:00:00Z' })).toBe(false);
  });

  it('renders both versions; a 2.3.0 rendering always carries preauthorize_amount', () => {
    const c = new TariffCatalog('50.00');
    expect(Tariff230.parse(c.render(t221('a'), '2.3.0')).preauthorize_amount).toBe(50);
    expect(Tariff230.parse(c.render(t230('b'), '2.3.0')).preauthorize_amount).toBe(50);
    expect(Tariff221.safeParse(c.render(t230('b', { preauthorize_amount: 10 }), '2.2.1')).success).toBe(true);
  });
});
