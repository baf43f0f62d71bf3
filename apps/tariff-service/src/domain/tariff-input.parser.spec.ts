import { demoTariff } from '../../test/demo-tariffs';
import { TariffServiceError } from './tariff.errors';
import { parseTariffInput } from './tariff-input.parser';

const AT = '2026-03-01T10:00:00.000Z';

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TariffServiceError);
    expect((err as TariffServiceError).code).toBe('TARIFF.INVALID');
    return [...(err as TariffServiceError).issues];
  }
  throw new Error('expected TARIFF.INVALID');
}

describe('parseTariffInput (OCPI Tariff by spec field limits, via the tariff engine)', () => {
  it.each([
    ['simple-per-kwh', 'DEMO-SIMPLE-KWH', '2.2.1'],
    ['kwh-time-parking-time-of-day', 'DEMO-KWH-TIME-PARKING', '2.2.1'],
    ['flat-step-size', 'DEMO-FLAT-STEP', '2.2.1'],
    ['preauthorized-max-price.v230', 'DEMO-PREAUTH-230', '2.3.0'],
  ] as const)('accepts the demo tariff %s as OCPI %s', (name, id, version) => {
    const input = parseTariffInput(demoTariff(name), id, AT);
    expect(input).toMatchObject({ tariffId: id, countryCode: 'NL', partyId: 'TPC', ocpiVersion: version });
    expect(input.tariff.id).toBe(id);
  });

  it('stamps last_updated itself, whatever the caller sent', () => {
    const input = parseTariffInput(
      { ...demoTariff('simple-per-kwh'), last_updated: 'garbage' },
      'DEMO-SIMPLE-KWH',
      AT,
    );
    expect(Date.parse(input.tariff.last_updated)).toBe(Date.parse(AT));
  });

  it('writes the strict OCPI form (2.3.0 keeps preauthorize_amount, max_price and tax_included)', () => {
    const input = parseTariffInput(demoTariff('preauthorized-max-price.v230'), 'DEMO-PREAUTH-230', AT);
    expect(input.tariff).toMatchObject({
      preauthorize_amount: 50,
      max_price: { before_taxes: 41.32, after_taxes: 50 },
      tax_included: 'YES',
    });
  });

  it('lists every bad field at once, the id mismatch with the path included', () => {
    const body = {
      ...demoTariff('flat-step-size'),
      id: 'OTHER',
      currency: 'EURO',
      country_code: 'NLD',
      elements: [{ price_components: [{ type: 'ENERGY', price: -1, step_size: 1 }] }],
    };
    const paths = issuesOf(() => parseTariffInput(body, 'DEMO-FLAT-STEP', AT)).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'currency', 'country_code', 'elements[0].price_components[0].price']),
    );
  });

  it('reports an id mismatch alone when the tariff is otherwise valid', () => {
    expect(issuesOf(() => parseTariffInput(demoTariff('simple-per-kwh'), 'X', AT))).toEqual([
      { path: 'id', message: 'must equal the id in the path ("X")' },
    ]);
  });

  it.each([[null], [[]], ['a tariff'], [42]])('refuses a body that is not an object: %p', (body) => {
    expect(issuesOf(() => parseTariffInput(body, 'X', AT))).toEqual([
      { path: '', message: 'must be a JSON object (an OCPI Tariff)' },
    ]);
  });
});
