import fc from 'fast-check';
import { meterSamples, tariffJson, timeZone } from '../../test/arbitraries';
import { priceSession } from '../pricing/session-pricer';
import { parseTariff } from '../tariff/tariff-parser';
import { createPricer } from './session-pricer';

describe('createPricer (incremental) agrees exactly with priceSession', () => {
  it('gives the same total and breakdown after every sample (property)', () => {
    fc.assert(
      fc.property(
        tariffJson,
        meterSamples,
        timeZone,
        fc.constantFrom('BILLED', 'TOTAL' as const),
        (json, samples, zone, basis) => {
          const tariff = parseTariff(json);
          const options = { stepSizeBasis: basis } as const;
          const pricer = createPricer(tariff, { timeZone: zone, options });
          samples.forEach((sample, i) => {
            const running = pricer.addSample(sample).total;
            const reference = priceSession(
              tariff,
              { timeZone: zone, meterSamples: samples.slice(0, i + 1) },
              options,
            );
            expect(running).toEqual(reference.total);
            if (i === samples.length - 1) {
              const { total, energy, time, parking, fixed, reservation, minPriceApplied, maxPriceApplied } =
                reference;
              expect(pricer.price()).toEqual({
                total,
                energy,
                time,
                parking,
                fixed,
                reservation,
                minPriceApplied,
                maxPriceApplied,
              });
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prices a reservation before the session like priceSession (OCPI mod_tariffs reservation example)', () => {
    const tariff = parseTariff({
      country_code: 'DE',
      party_id: 'ALL',
      id: '20',
      currency: 'EUR',
      elements: [
        {
          price_components: [
            { type: 'FLAT', price: 2, vat: 20, step_size: 1 },
            { type: 'TIME', price: 5, vat: 20, step_size: 300 },
          ],
          restrictions: { reservation: 'RESERVATION' },
        },
        {
          price_components: [
            { type: 'FLAT', price: 0.5, vat: 20, step_size: 1 },
            { type: 'ENERGY', price: 0.25, vat: 10, step_size: 1 },
          ],
        },
      ],
      last_updated: '2019-02-03T17:00:11Z',
    });
    const reservation = { startDateTime: '2019-06-01T09:47:00Z', endDateTime: '2019-06-01T10:00:00Z' };
    const samples = [
      { timestamp: '2019-06-01T10:00:00Z', energyWh: 1000 },
      { timestamp: '2019-06-01T11:00:00Z', energyWh: 21_000 },
    ];
    const pricer = createPricer(tariff, { timeZone: 'UTC', reservation });
    samples.forEach((s) => pricer.addSample(s));
    const reference = priceSession(tariff, { timeZone: 'UTC', meterSamples: samples, reservation });
    expect(pricer.price().total).toEqual({
      exclVat: '8.7500',
      inclVat: '10.0000',
      taxes: [
        { name: 'VAT', percentage: '10', amount: '0.5000' },
        { name: 'VAT', percentage: '20', amount: '0.7500' },
      ],
    });
    expect(reference.total).toEqual(pricer.price().total);
  });
});
