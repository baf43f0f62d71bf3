import fc from 'fast-check';
import { meterSamples, tariffJson, timeZone } from '../../test/arbitraries';
import { Decimal } from '../money/decimal';
import { Rational } from '../money/rational';
import { priceSession } from '../pricing/session-pricer';
import type { MeterSample } from '../session/session.types';
import { parseTariff } from '../tariff/tariff-parser';
import { projectedEnergyMwh } from './budget';
import { remainingBudget } from './remaining-budget';
import { createPricer } from './session-pricer';

const perKwh = parseTariff({
  country_code: 'NL',
  party_id: 'TPC',
  id: 'KWH',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10, step_size: 1 }] }],
  last_updated: '2024-01-01T00:00:00Z',
});

const start = Date.UTC(2024, 0, 15, 8, 0);

describe('budget: remaining energy and time before the cost limit', () => {
  it('inverts a per-kWh tariff exactly: 11.00 incl. 10% VAT at 0.25/kWh is 40 kWh', () => {
    const samples: MeterSample[] = [{ timestamp: start, energyWh: 0 }];
    const budget = remainingBudget(
      perKwh,
      { timeZone: 'UTC', meterSamples: samples },
      '11.00',
      11_000,
      start,
    );
    expect(budget.limitReached).toBe(false);
    expect(budget.bounded).toBe(true);
    // 40 kWh at 11 kW take 13090.909... s: the last whole millisecond within 40 kWh is 13090.909 s,
    // at 39999.999 Wh (billed as 40000 Wh, step 1 Wh); one ms later 40000.002 Wh bills 40001 Wh.
    expect(budget.untilMs - start).toBe(13_090_909);
    expect(budget.sessionEnergyWh).toBe(39_999.999);
    expect(budget.energyWh).toBe(39_999.999);
    expect(budget.costAtLimit.inclVat).toBe('11.0000');
  });

  it('counts parking time: a tariff with only PARKING_TIME gives a time budget at zero power', () => {
    const parking = parseTariff({
      country_code: 'NL',
      party_id: 'TPC',
      id: 'PARK',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'PARKING_TIME', price: 6, vat: 20, step_size: 300 }] }],
      last_updated: '2024-01-01T00:00:00Z',
    });
    const samples: MeterSample[] = [{ timestamp: start, energyWh: 5000, charging: false }];
    const budget = remainingBudget(parking, { timeZone: 'UTC', meterSamples: samples }, '3.60', 0, start);
    // 7.20/h incl. VAT billed per 5 minutes: 3.60 buys 30 minutes; the 31st minute starts a new block.
    expect(budget.untilMs - start).toBe(30 * 60_000);
    expect(budget.energyWh).toBe(0);
  });

  it('follows a time-of-day boundary: the price doubles at 17:00 (OCPI tariff_14 style)', () => {
    const tariff = parseTariff({
      country_code: 'NL',
      party_id: 'TPC',
      id: 'TOD',
      currency: 'EUR',
      elements: [
        {
          price_components: [{ type: 'TIME', price: 1.2, step_size: 1 }],
          restrictions: { end_time: '17:00' },
        },
        { price_components: [{ type: 'TIME', price: 2.4, step_size: 1 }] },
      ],
      last_updated: '2024-01-01T00:00:00Z',
    });
    const t0 = Date.UTC(2024, 0, 15, 16, 0);
    const budget = remainingBudget(
      tariff,
      { timeZone: 'UTC', meterSamples: [{ timestamp: t0, energyWh: 0 }] },
      '2.40',
      7000,
      t0,
    );
    // 1.20 until 17:00, then 1.20 more buys 30 minutes at 2.40/h: 17:30.
    expect(new Date(budget.untilMs).toISOString()).toBe('2024-01-15T17:30:00.000Z');
    expect(budget.seconds).toBe(5400);
  });

  it('reports an unbounded budget when max_price is below the limit', () => {
    const capped = parseTariff({
      ...JSON.parse(JSON.stringify(perKwhJson())),
      max_price: { excl_vat: 5, incl_vat: 5.5 },
    });
    const budget = remainingBudget(
      capped,
      { timeZone: 'UTC', meterSamples: [{ timestamp: start, energyWh: 0 }] },
      '20',
      22_000,
      start,
      { horizonMs: 3_600_000 },
    );
    expect(budget.bounded).toBe(false);
  });

  it('reports the limit as reached when the session already costs more', () => {
    const samples: MeterSample[] = [
      { timestamp: start, energyWh: 0 },
      { timestamp: start + 3_600_000, energyWh: 50_000 },
    ];
    const budget = remainingBudget(
      perKwh,
      { timeZone: 'UTC', meterSamples: samples },
      '10',
      11_000,
      start + 3_600_000,
    );
    expect(budget.limitReached).toBe(true);
    expect(budget.seconds).toBe(0);
  });

  it('is conservative and tight for any tariff: the session extended by the budget stays within the limit, 1 ms more exceeds it (property)', () => {
    fc.assert(
      fc.property(
        tariffJson,
        meterSamples,
        timeZone,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 150_000 }),
        (json, samples, zone, extraCents, powerW) => {
          const tariff = parseTariff(json);
          const pricer = createPricer(tariff, { timeZone: zone });
          samples.forEach((s) => pricer.addSample(s));
          const limit = new Decimal(pricer.total().inclVat).plus(new Decimal(extraCents).div(100)).toFixed(2);
          const last = pricer.lastReading;
          if (!last) return;
          const budget = pricer.budget(limit, powerW, last.t, { horizonMs: 12 * 3_600_000 });
          const extended = (tau: number): MeterSample[] => [
            ...samples,
            { timestamp: last.t + tau, energyWh: (last.mwh + projectedEnergyMwh(powerW, tau)) / 1000 },
          ];
          const price = (tau: number) =>
            new Decimal(priceSession(tariff, { timeZone: zone, meterSamples: extended(tau) }).total.inclVat);
          const tau = budget.untilMs - last.t;
          if (budget.limitReached) {
            expect(new Decimal(budget.costNow.inclVat).gte(limit)).toBe(true);
            return;
          }
          expect(price(tau).lte(limit)).toBe(true);
          if (budget.bounded) {
            expect(price(tau + 1).gte(limit)).toBe(true);
            const beyond = pricer.probe({
              t: last.t + tau + 1,
              mwh: last.mwh + projectedEnergyMwh(powerW, tau + 1),
              powerW: undefined,
              currentA: undefined,
              charging: undefined,
            });
            expect(beyond.incl.cmp(Rational.parse(limit))).toBe(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

function perKwhJson() {
  return {
    country_code: 'NL',
    party_id: 'TPC',
    id: 'KWH',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10, step_size: 1 }] }],
    last_updated: '2024-01-01T00:00:00Z',
  };
}
