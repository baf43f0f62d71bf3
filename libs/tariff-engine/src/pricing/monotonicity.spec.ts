import fc from 'fast-check';
import { meterSamples, tariffJson, timeZone } from '../../test/arbitraries';
import { Decimal } from '../money/decimal';
import { parseTariff } from '../tariff/tariff-parser';
import type { SamplesSession } from '../session/session.types';
import { priceSession } from './session-pricer';

/**
 * More energy or time never costs less. Under OCPI's step_size rules this holds when no rounding
 * moves between components: the rounded-up rest is billed at the *last* price, and rounding moves
 * from charging time to parking time once parking starts, so a later, cheaper component can lower
 * the total (see ADR 0003). The properties below cover the tariffs for which the rule does hold.
 */
describe('monotonicity: a longer session never costs less (property)', () => {
  const totals = (json: unknown, session: SamplesSession) => {
    const tariff = parseTariff(json);
    return session.meterSamples.map((_, i) => {
      const t = priceSession(tariff, {
        ...session,
        meterSamples: session.meterSamples.slice(0, i + 1),
      }).total;
      return [new Decimal(t.exclVat), new Decimal(t.inclVat)] as const;
    });
  };
  const nonDecreasing = (values: readonly (readonly [Decimal, Decimal])[]) =>
    values.every(
      (v, i) =>
        i === 0 ||
        (v[0].gte((values[i - 1] as readonly [Decimal, Decimal])[0]) &&
          v[1].gte((values[i - 1] as readonly [Decimal, Decimal])[1])),
    );

  it('with any restrictions and price limits, when nothing is rounded (step_size 0)', () => {
    fc.assert(
      fc.property(tariffJson.map(withoutSteps), meterSamples, timeZone, (json, samples, zone) => {
        expect(nonDecreasing(totals(json, { timeZone: zone, meterSamples: samples }))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('with any step_size, when each dimension has one unrestricted price', () => {
    const single = fc.record({
      energy: fc.integer({ min: 0, max: 9999 }),
      time: fc.integer({ min: 0, max: 9999 }),
      parking: fc.integer({ min: 0, max: 9999 }),
      flat: fc.integer({ min: 0, max: 999 }),
      step: fc.constantFrom(1, 60, 300, 500, 900),
      vat: fc.constantFrom(0, 9, 21),
    });
    fc.assert(
      fc.property(single, meterSamples, timeZone, (p, samples, zone) => {
        const json = {
          country_code: 'NL',
          party_id: 'TPC',
          id: 'ONE',
          currency: 'EUR',
          elements: [
            {
              price_components: [
                { type: 'ENERGY', price: p.energy / 10_000, vat: p.vat, step_size: p.step },
                { type: 'TIME', price: p.time / 1000, vat: p.vat, step_size: p.step },
                // Parking at least as dear as charging: rounding moves from TIME to PARKING_TIME when
                // parking starts, and then the rounded-up rest must not get cheaper.
                {
                  type: 'PARKING_TIME',
                  price: Math.max(p.time, p.parking) / 1000,
                  vat: p.vat,
                  step_size: p.step,
                },
                { type: 'FLAT', price: p.flat / 100, vat: p.vat, step_size: 1 },
              ],
            },
          ],
          last_updated: '2024-01-01T00:00:00Z',
        };
        expect(nonDecreasing(totals(json, { timeZone: zone, meterSamples: samples }))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

function withoutSteps<
  T extends {
    elements: { price_components: { step_size: number }[] }[];
    min_price?: unknown;
    max_price?: unknown;
  },
>(json: T): T {
  // A bound without its gross value scales the gross total with the session's tax ratio, which may
  // fall as the session goes on; keep only bounds that state both values.
  const bothBounds = (limit: unknown) => limit === undefined || Object.keys(limit as object).length === 2;
  const { min_price, max_price, ...rest } = json;
  return {
    ...rest,
    ...(bothBounds(min_price) ? { min_price } : {}),
    ...(bothBounds(max_price) ? { max_price } : {}),
    elements: json.elements.map((e) => ({
      ...e,
      price_components: e.price_components.map((c) => ({ ...c, step_size: 0 })),
    })),
  } as T;
}
