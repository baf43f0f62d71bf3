// Tariff engine throughput on one core (no assertions; prints numbers).
//   node -r @swc-node/register libs/tariff-engine/bench/tariff.bench.ts
// 1. incremental: a running session receiving one meter sample at a time (addSample + exact total)
// 2. budget: remaining energy/time until the cost limit, after a sample
// 3. full-session pricing with priceSession (the reference path) on a 2 h session sampled every minute
import { performance } from 'node:perf_hooks';
import {
  Rational,
  createPricer,
  parseTariff,
  priceSession,
  type MeterSample,
  type Tariff,
} from '../src/index';

const simple = parseTariff({
  country_code: 'NL',
  party_id: 'TPC',
  id: 'BENCH-KWH',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: 0.35, vat: 21, step_size: 1 },
        { type: 'ENERGY', price: 0.39, vat: 21, step_size: 1 },
      ],
    },
  ],
  last_updated: '2024-01-01T00:00:00Z',
});

const timeOfDay = parseTariff({
  country_code: 'NL',
  party_id: 'TPC',
  id: 'BENCH-TOD',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'ENERGY', price: 0.45, vat: 21, step_size: 1 },
        { type: 'TIME', price: 1.2, vat: 21, step_size: 60 },
      ],
      restrictions: {
        start_time: '07:00',
        end_time: '23:00',
        day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      },
    },
    {
      price_components: [
        { type: 'ENERGY', price: 0.29, vat: 21, step_size: 1 },
        { type: 'PARKING_TIME', price: 6, vat: 21, step_size: 300 },
      ],
    },
  ],
  last_updated: '2024-01-01T00:00:00Z',
});

const START = Date.UTC(2024, 0, 15, 6, 0);
const LIMIT = Rational.parse('1000000.00');

/** Samples every `intervalMs` at 11 kW, as epoch-ms timestamps (what the session engine passes). */
function samples(count: number, intervalMs: number): MeterSample[] {
  const out: MeterSample[] = [];
  for (let i = 0; i < count; i++)
    out.push({
      timestamp: START + i * intervalMs,
      energyWh: Math.floor((11_000 * i * intervalMs) / 3_600_000),
      powerW: 11_000,
    });
  return out;
}

function rate(label: string, ops: number, ms: number): void {
  console.log(
    `${label.padEnd(64)} ${Math.round((ops / ms) * 1000)
      .toLocaleString('en-US')
      .padStart(12)} /s`,
  );
}

function benchIncremental(name: string, tariff: Tariff, zone: string): void {
  const feed = samples(500_000, 1000);
  const exact = (p: ReturnType<typeof createPricer>, s: MeterSample) =>
    p.addSample(s).exceeds(LIMIT) ? 1 : 0;
  const formatted = (p: ReturnType<typeof createPricer>, s: MeterSample) =>
    p.addSample(s).total.inclVat.length;
  for (const [label, step] of [
    ['addSample + exact total vs limit', exact],
    ['addSample + total as decimal strings', formatted],
  ] as const) {
    let sink = 0;
    for (let r = 0; r < 3; r++) {
      const warm = createPricer(tariff, { timeZone: zone });
      for (let i = 0; i < 50_000; i++) sink += step(warm, feed[i] as MeterSample);
    }
    const pricer = createPricer(tariff, { timeZone: zone });
    const t0 = performance.now();
    for (const s of feed) sink += step(pricer, s);
    rate(`incremental (${name}): ${label}`, feed.length, performance.now() - t0);
    if (sink < 0) console.log(sink);
  }
}

function benchBudget(name: string, tariff: Tariff, zone: string): void {
  const pricer = createPricer(tariff, { timeZone: zone });
  for (const s of samples(60, 60_000)) pricer.addSample(s);
  const now = START + 59 * 60_000;
  let sink = 0;
  for (let i = 0; i < 500; i++) sink += pricer.budget('25.00', 11_000, now).seconds;
  const n = 5000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += pricer.budget('25.00', 11_000, now).seconds;
  rate(`budget computations (${name}, limit 25.00, 11 kW)`, n, performance.now() - t0);
  if (sink < 0) console.log(sink);
}

function benchFull(name: string, tariff: Tariff, zone: string): void {
  const session = { timeZone: zone, meterSamples: samples(121, 60_000) };
  let sink = 0;
  for (let i = 0; i < 50; i++) sink += priceSession(tariff, session).chargingPeriods.length;
  const n = 500;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += priceSession(tariff, session).chargingPeriods.length;
  rate(`full-session pricing (${name}, 121 samples, priceSession)`, n, performance.now() - t0);
  if (sink < 0) console.log(sink);
}

console.log(`tariff-engine bench, node ${process.version}, one core`);
benchIncremental('per-kWh + start fee', simple, 'UTC');
benchIncremental('time-of-day, Europe/Amsterdam', timeOfDay, 'Europe/Amsterdam');
benchBudget('per-kWh + start fee', simple, 'UTC');
benchBudget('time-of-day, Europe/Amsterdam', timeOfDay, 'Europe/Amsterdam');
benchFull('per-kWh + start fee', simple, 'UTC');
benchFull('time-of-day, Europe/Amsterdam', timeOfDay, 'Europe/Amsterdam');
