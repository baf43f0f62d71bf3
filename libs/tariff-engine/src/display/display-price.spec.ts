import { parseTariff } from '../tariff/tariff-parser';
import { readVectorJson } from '../../test/spec-vectors';
import { displayPrice } from './display-price';

const altText = parseTariff(readVectorJson('tariffs/tariff_2_alt_text.json'));

describe('displayPrice (payment terminal)', () => {
  it('shows the price per hour incl. VAT for OCPI mod_tariffs example "Ad-Hoc simple Tariff example with multiple languages"', () => {
    const d = displayPrice(altText, 'en-GB');
    expect(d.time).toMatchObject({
      priceExclVat: '1.9000',
      priceInclVat: '1.9988',
      vatPercent: '5.2',
      unit: 'hour',
      stepSize: 300,
    });
    expect(d.time?.formatted).toBe('€1.9988 / hour');
  });

  it.each([
    ['nl-NL', 'nl'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
  ])('picks the alt text for %s: exact language, else English', (locale, language) => {
    expect(displayPrice(altText, locale).altText?.language).toBe(language);
  });

  it('falls back to the first alt text when neither the language nor English is there', () => {
    const onlyNl = parseTariff({
      ...readVectorJson('tariffs/tariff_2_alt_text.json'),
      tariff_alt_text: [
        { language: 'nl', text: 'Twee euro per uur' },
        { language: 'fr', text: 'Deux euros' },
      ],
    });
    expect(displayPrice(onlyNl, 'de-DE').altText).toEqual({ language: 'nl', text: 'Twee euro per uur' });
  });

  it('localises amounts and shows max price and pre-authorisation (OCPI 2.3.0 preauthorize_amount)', () => {
    const tariff = parseTariff({
      ...readVectorJson('tariffs/tariff_6_025kwh_start_max_price.json'),
      preauthorize_amount: 11,
    });
    const d = displayPrice(tariff, 'nl-NL');
    const plain = (text: string | undefined) => text?.replace(/\s/g, ' ');
    expect(d.energy).toMatchObject({ priceInclVat: '0.2750' });
    expect(plain(d.energy?.formatted)).toBe('€ 0,275 / kWh');
    expect(plain(d.startFee?.formatted)).toBe('€ 0,60');
    expect(d.maxPrice?.amount).toBe('11.0000');
    expect(plain(d.maxPrice?.formatted)).toBe('€ 11,00');
    expect(d.preauthorizeAmount?.amount).toBe('11.0000');
    expect(plain(d.preauthorizeAmount?.formatted)).toBe('€ 11,00');
  });

  it('shows the parking price active at a given local time (OCPI mod_tariffs "Complex Tariff example")', () => {
    const complex = parseTariff(readVectorJson('tariffs/tariff_4_complex.json'));
    const saturday = displayPrice(complex, 'en', {
      now: '2024-01-13T12:00:00Z',
      timeZone: 'Europe/Amsterdam',
    });
    expect(saturday.parking?.priceExclVat).toBe('6.0000');
    const sunday = displayPrice(complex, 'en', { now: '2024-01-14T12:00:00Z', timeZone: 'Europe/Amsterdam' });
    expect(sunday.parking).toBeUndefined();
    expect(sunday.components).toHaveLength(6);
  });

  it('derives the net price from a tax-inclusive 2.3.0 tariff', () => {
    const inclusive = parseTariff({
      country_code: 'NL',
      party_id: 'TPC',
      id: 'INC',
      currency: 'EUR',
      tax_included: 'YES',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.605, vat: 21, step_size: 1 }] }],
      last_updated: '2024-01-01T00:00:00Z',
    });
    expect(displayPrice(inclusive, 'en').energy).toMatchObject({
      priceExclVat: '0.5000',
      priceInclVat: '0.6050',
    });
  });
});
