import { readVectorJson } from '../../test/spec-vectors';
import { parseTariff } from './tariff-parser';
import { toOcpiTariff } from './tariff-serializer';
import { TariffValidationError } from './tariff-validation.error';

const base = () => readVectorJson('tariffs/tariff_9_025kwh_start.json');

function issuesOf(json: unknown): string[] {
  try {
    parseTariff(json);
  } catch (error) {
    if (error instanceof TariffValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the tariff to be rejected');
}

describe('parseTariff', () => {
  it('reads a 2.2.1 tariff (OCPI mod_tariffs example "0.25 per kWh + start fee") and writes it back unchanged', () => {
    const tariff = parseTariff(base());
    expect(tariff.ocpiVersion).toBe('2.2.1');
    expect(tariff.taxIncluded).toBe('NO');
    expect(tariff.elements[0]?.priceComponents[1]).toEqual({
      type: 'ENERGY',
      price: '0.25',
      vat: '10',
      stepSize: 1,
    });
    expect(toOcpiTariff(tariff)).toEqual(base());
  });

  it('detects 2.3.0 by its fields and keeps PriceLimit, preauthorize_amount and tax_included', () => {
    const tariff = parseTariff({
      ...readVectorJson('tariffs/tariff_6_025kwh_start_max_price.json'),
      preauthorize_amount: 12.5,
    });
    expect(tariff).toMatchObject({
      ocpiVersion: '2.3.0',
      taxIncluded: 'NO',
      maxPrice: { beforeTaxes: '10', afterTaxes: '11' },
      preauthorizeAmount: '12.5',
    });
    expect(toOcpiTariff(tariff, '2.2.1')).toMatchObject({ max_price: { excl_vat: 10, incl_vat: 11 } });
  });

  it('accepts lenient forms and emits the strict ones', () => {
    const tariff = parseTariff({
      ...base(),
      currency: 'eur',
      min_price: { before_taxes: '0.50' },
      tax_included: 'no',
      elements: [
        {
          price_components: [{ type: 'energy', price: '0.30', vat: '21', step_size: '1' }],
          restrictions: { start_time: '7:00', end_time: '24:00', day_of_week: 'monday' },
        },
      ],
    });
    expect(tariff.currency).toBe('EUR');
    expect(tariff.elements[0]?.restrictions).toEqual({
      startTime: '07:00',
      endTime: '00:00',
      dayOfWeek: ['MONDAY'],
    });
    expect(toOcpiTariff(tariff)).toMatchObject({
      tax_included: 'NO',
      min_price: { before_taxes: 0.5 },
      elements: [
        {
          price_components: [{ type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 }],
          restrictions: { start_time: '07:00', end_time: '00:00', day_of_week: ['MONDAY'] },
        },
      ],
    });
  });

  it('reads a 2.3.0 tariff without tax_included (the 2.3.0 cdr_example erratum) as "NO"', () => {
    expect(
      parseTariff(readVectorJson('tariffs/cdr_example_tariff.json'), { version: '2.3.0' }).taxIncluded,
    ).toBe('NO');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['country_code longer than 2', { country_code: 'DEU' }, 'country_code: must be 2 characters'],
    ['party_id longer than 3', { party_id: 'ABCD' }, 'party_id: must be 1..3 characters'],
    ['id longer than 36', { id: 'x'.repeat(37) }, 'id: must be 1..36 characters'],
    ['currency not ISO 4217', { currency: 'EURO' }, 'currency: must be an ISO 4217 code of 3 letters'],
    ['unknown tariff type', { type: 'CHEAP' }, 'type: must be one of AD_HOC_PAYMENT'],
    [
      'alt text longer than 512',
      { tariff_alt_text: [{ language: 'en', text: 'x'.repeat(513) }] },
      'tariff_alt_text[0].text: must be 0..512 characters',
    ],
    [
      'alt text language not ISO 639-1',
      { tariff_alt_text: [{ language: 'eng', text: 'x' }] },
      'tariff_alt_text[0].language: must be 2 characters',
    ],
    ['alt url not a URL', { tariff_alt_url: 'company tariffs' }, 'tariff_alt_url: must be an http(s) URL'],
    ['no elements', { elements: [] }, 'elements: must have at least 1 item(s)'],
    ['last_updated missing', { last_updated: undefined }, 'last_updated: must be an RFC 3339 date-time'],
    ['negative max price', { max_price: { excl_vat: -1 } }, 'max_price.excl_vat: must be >= 0'],
    [
      'min above max',
      { min_price: { excl_vat: 5 }, max_price: { excl_vat: 4 } },
      'min_price: must not exceed max_price',
    ],
    [
      'end before start',
      { start_date_time: '2024-02-01T00:00:00Z', end_date_time: '2024-01-01T00:00:00Z' },
      'end_date_time: must be after start_date_time',
    ],
    ['2.2.1 tax_included YES', { tax_included: 'YES' }, 'tax_included: must be one of'],
  ])('rejects %s', (_name, patch, message) => {
    const json = { ...base(), ...patch };
    if (patch['tax_included'] === 'YES') {
      expect(() => parseTariff(json, { version: '2.2.1' })).toThrow(
        'tax_included: is not part of OCPI 2.2.1',
      );
      return;
    }
    expect(issuesOf(json).join('\n')).toContain(message);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown dimension',
      { type: 'KWH', price: 1, step_size: 1 },
      'price_components[0].type: must be one of ENERGY, FLAT, PARKING_TIME, TIME',
    ],
    [
      'a negative price',
      { type: 'ENERGY', price: -0.1, step_size: 1 },
      'price_components[0].price: must be >= 0',
    ],
    [
      'a VAT above 100 %',
      { type: 'ENERGY', price: 0.1, vat: 121, step_size: 1 },
      'price_components[0].vat: must be <= 100',
    ],
    [
      'a fractional step_size',
      { type: 'ENERGY', price: 0.1, step_size: 0.5 },
      'price_components[0].step_size: must be an integer',
    ],
    [
      'a missing step_size',
      { type: 'ENERGY', price: 0.1 },
      'price_components[0].step_size: must be an integer',
    ],
  ])('rejects a price component with %s', (_name, component, message) => {
    expect(issuesOf({ ...base(), elements: [{ price_components: [component] }] }).join('\n')).toContain(
      `elements[0].${message}`,
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['start_time out of range', { start_time: '25:00' }, 'restrictions.start_time: must be a time of day'],
    ['end_time with seconds', { end_time: '18:00:30' }, 'restrictions.end_time: must be a time of day'],
    ['an invalid date', { start_date: '2024-02-30' }, 'restrictions.start_date: must be a date "YYYY-MM-DD"'],
    [
      'end_date before start_date',
      { start_date: '2024-03-01', end_date: '2024-03-01' },
      'restrictions.end_date: must be after start_date',
    ],
    [
      'min_kwh above max_kwh',
      { min_kwh: 50, max_kwh: 20 },
      'restrictions.max_kwh: must be greater than min_kwh',
    ],
    ['a negative power', { min_power: -1 }, 'restrictions.min_power: must be >= 0'],
    ['a fractional duration', { max_duration: 1.5 }, 'restrictions.max_duration: must be an integer'],
    [
      'an unknown weekday',
      { day_of_week: ['MONDAY', 'FUNDAY'] },
      'restrictions.day_of_week[1]: must be one of MONDAY',
    ],
    [
      'an unknown reservation type',
      { reservation: 'BOOKED' },
      'restrictions.reservation: must be one of RESERVATION, RESERVATION_EXPIRES',
    ],
  ])('rejects restrictions with %s', (_name, restrictions, message) => {
    const json = {
      ...base(),
      elements: [{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions }],
    };
    expect(issuesOf(json).join('\n')).toContain(`elements[0].${message}`);
  });

  it('rejects ENERGY in a reservation element (only FLAT and TIME price a reservation)', () => {
    const json = {
      ...base(),
      elements: [
        {
          price_components: [{ type: 'ENERGY', price: 1, step_size: 1 }],
          restrictions: { reservation: 'RESERVATION' },
        },
      ],
    };
    expect(issuesOf(json)).toEqual([
      'elements[0].price_components[0].type: a reservation element may only have FLAT and TIME components',
    ]);
  });

  it('lists every bad field at once, with paths, in the error message', () => {
    const json = {
      ...base(),
      country_code: 'NLD',
      currency: 1,
      elements: [{ price_components: [{ type: 'ENERGY', price: 'abc', step_size: -1 }] }],
    };
    expect(() => parseTariff(json)).toThrow(
      'Invalid OCPI tariff: country_code: must be 2 characters; currency: must be an ISO 4217 code of 3 letters; elements[0].price_components[0].price: must be a number; elements[0].price_components[0].step_size: must be an integer in 0..2147483647',
    );
  });

  it('rejects something that is not an object', () => {
    expect(() => parseTariff([])).toThrow('Invalid OCPI tariff: (root): must be an object');
  });
});
