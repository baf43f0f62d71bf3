import fc from 'fast-check';
import type { MeterSample } from '../src/session/session.types';

/** Random but valid OCPI tariffs (JSON), exercising every restriction and both versions. */
const price = fc.integer({ min: 0, max: 60_000 }).map((n) => n / 10_000);
const vat = fc.constantFrom(undefined, 0, 5.2, 9, 20, 21);
const step = fc.constantFrom(0, 1, 60, 100, 300, 500, 900, 1800);
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const days = fc.subarray(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], {
  minLength: 1,
});

const restrictions = fc.record(
  {
    start_time: hhmm,
    end_time: hhmm,
    day_of_week: days,
    min_kwh: fc.integer({ min: 0, max: 20 }),
    max_kwh: fc.integer({ min: 21, max: 60 }),
    min_power: fc.integer({ min: 0, max: 20 }),
    max_power: fc.integer({ min: 21, max: 150 }),
    min_current: fc.integer({ min: 0, max: 16 }),
    max_current: fc.integer({ min: 17, max: 64 }),
    min_duration: fc.integer({ min: 0, max: 3600 }),
    max_duration: fc.integer({ min: 3601, max: 14_400 }),
    start_date: fc.constantFrom('2024-03-30', '2024-10-26'),
  },
  { requiredKeys: [] },
);

const component = fc.record({
  type: fc.constantFrom('ENERGY', 'TIME', 'PARKING_TIME', 'FLAT'),
  price,
  vat,
  step_size: step,
});

const element = fc.record(
  { price_components: fc.array(component, { minLength: 1, maxLength: 3 }), restrictions },
  { requiredKeys: ['price_components'] },
);

export const tariffJson = fc
  .record({
    elements: fc.array(element, { minLength: 1, maxLength: 4 }),
    version: fc.constantFrom('2.2.1', '2.3.0'),
    taxIncluded: fc.constantFrom('NO', 'YES', 'N/A'),
    min: fc.option(fc.integer({ min: 0, max: 300 }).map((n) => n / 100)),
    maxExtra: fc.option(fc.integer({ min: 0, max: 5000 }).map((n) => n / 100)),
    withAfter: fc.boolean(),
    fallback: fc.boolean(),
  })
  .map(({ elements, version, taxIncluded, min, maxExtra, withAfter, fallback }) => {
    const clean = elements.map((e) => ({
      price_components: e.price_components.map((c) =>
        c.vat === undefined ? { type: c.type, price: c.price, step_size: c.step_size } : c,
      ),
      ...(e.restrictions && Object.keys(e.restrictions).length > 0 ? { restrictions: e.restrictions } : {}),
    }));
    if (fallback)
      clean.push({
        price_components: [
          { type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 },
          { type: 'PARKING_TIME', price: 1.5, vat: 21, step_size: 60 },
        ],
      });
    const limit = (before: number) =>
      version === '2.3.0'
        ? { before_taxes: before, ...(withAfter ? { after_taxes: Math.round(before * 121) / 100 } : {}) }
        : { excl_vat: before, ...(withAfter ? { incl_vat: Math.round(before * 121) / 100 } : {}) };
    return {
      country_code: 'NL',
      party_id: 'TPC',
      id: 'PROP',
      currency: 'EUR',
      ...(min !== null ? { min_price: limit(min) } : {}),
      ...(maxExtra !== null ? { max_price: limit((min ?? 0) + maxExtra + 0.01) } : {}),
      elements: clean,
      ...(version === '2.3.0' ? { tax_included: taxIncluded } : {}),
      last_updated: '2024-01-01T00:00:00Z',
    };
  });

export const timeZone = fc.constantFrom(
  'UTC',
  'Europe/Amsterdam',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
);

/** A session as meter samples: random gaps (incl. zero), charging and idle stretches, power/current readings. */
export const meterSamples = fc
  .record({
    start: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) }),
    steps: fc.array(
      fc.record({
        dtMs: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 3 * 3_600_000 })),
        dWh: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 0, max: 30_000_000 }).map((m) => m / 1000),
        ),
        powerW: fc.option(fc.integer({ min: 0, max: 150_000 }), { nil: undefined }),
        currentA: fc.option(fc.integer({ min: 0, max: 64 }), { nil: undefined }),
        charging: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { minLength: 0, maxLength: 25 },
    ),
    register: fc.integer({ min: 0, max: 5_000_000 }),
  })
  .map(({ start, steps, register }) => {
    const samples: MeterSample[] = [{ timestamp: start, energyWh: register }];
    let t = start;
    let e = register * 1000;
    for (const s of steps) {
      t += s.dtMs;
      e += Math.round(s.dWh * 1000);
      samples.push({
        timestamp: t,
        energyWh: e / 1000,
        ...(s.powerW !== undefined ? { powerW: s.powerW } : {}),
        ...(s.currentA !== undefined ? { currentA: s.currentA } : {}),
        ...(s.charging !== undefined ? { charging: s.charging } : {}),
      });
    }
    return samples;
  });
