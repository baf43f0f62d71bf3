import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTariff, withFirstPrice } from '../../test/demo-tariffs';
import { planSeed } from './seed.planner';
import { TariffServiceError } from './tariff.errors';
import { parseTariffInput } from './tariff-input.parser';
import { seeded, withTariff, type TariffRecord } from './tariff-record';
import { parseTariffSeed, type SeedEntry } from './tariff-seed.parser';

const AT = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T10:00:00.000Z';
const ROOT = join(__dirname, '../../../..');

const seedJson = (tariffs: unknown[]) => ({ tariffs });
const entry = (price = 0.4876, appliesTo = ['LOC-001/LOC-001-EVSE-01/1']): SeedEntry => {
  const [first] = parseTariffSeed(
    seedJson([{ tariff: withFirstPrice(demoTariff('simple-per-kwh'), price), appliesTo }]),
    AT,
  );
  if (!first) throw new Error('seed entry expected');
  return first;
};

describe('parseTariffSeed', () => {
  it('lists every problem of the file with its path', () => {
    const bad = { ...demoTariff('flat-step-size'), currency: 'EURO' };
    try {
      parseTariffSeed(
        seedJson([
          { tariff: bad, appliesTo: ['L/E/1'] },
          { tariff: demoTariff('simple-per-kwh'), appliesTo: ['nope'] },
          { tariff: demoTariff('simple-per-kwh'), appliesTo: ['L/E/1'] },
          { tariff: demoTariff('simple-per-kwh'), appliesTo: ['L/E/2'] },
          'x',
        ]),
        AT,
      );
      throw new Error('expected SEED.INVALID');
    } catch (err) {
      expect((err as TariffServiceError).code).toBe('SEED.INVALID');
      expect((err as TariffServiceError).issues.map((i) => i.path)).toEqual([
        'tariffs[0].tariff.currency',
        'tariffs[1].appliesTo[0]',
        'tariffs[3].tariff.id',
        'tariffs[4]',
      ]);
    }
  });

  it.each([[null], [{}], [{ tariffs: {} }]])('refuses a file without a tariffs array: %p', (json) => {
    expect(() => parseTariffSeed(json, AT)).toThrow(/tariffs: must be an array/);
  });

  it('gives the same hash for the same entry whatever last_updated says', () => {
    const a = demoTariff('simple-per-kwh');
    const b = { ...demoTariff('simple-per-kwh'), last_updated: '2031-01-01T00:00:00Z' };
    const [ea] = parseTariffSeed(seedJson([{ tariff: a, appliesTo: ['L/E/1'] }]), AT);
    const [eb] = parseTariffSeed(seedJson([{ tariff: b, appliesTo: ['L/E/1'] }]), LATER);
    expect(ea?.hash).toBe(eb?.hash);
  });
});

describe('planSeed (seed diffing)', () => {
  const e = entry();
  const appliedBySeed = seeded(e, AT);

  it.each<[string, TariffRecord | undefined, string]>([
    ['unknown id', undefined, 'create'],
    ['applied by this very entry before', appliedBySeed, 'skip'],
    [
      'applied before, then edited by an operator (the edit survives)',
      withTariff(
        appliedBySeed,
        parseTariffInput(demoTariff('simple-per-kwh'), 'DEMO-SIMPLE-KWH', LATER),
        LATER,
      ) ?? appliedBySeed,
      'skip',
    ],
    [
      'applied before, then deleted by an operator (stays deleted)',
      { ...appliedBySeed, tariff: null, appliesTo: [] },
      'skip',
    ],
    [
      'same content written by an operator, not by the seed',
      { ...appliedBySeed, seedHash: undefined },
      'adopt',
    ],
    ['an older version of the entry', seeded(entry(0.3), AT), 'replace'],
    ['same tariff, connectors changed in the seed', seeded(entry(0.4876, ['L/E/9']), AT), 'replace'],
  ])('%s -> %s', (_name, current, action) => {
    const map = new Map(current ? [[current.tariffId, current]] : []);
    expect(planSeed([e], map)).toEqual([{ action, entry: e }]);
  });
});

describe('deploy/seed/tariffs.json', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'deploy/seed/tariffs.json'), 'utf8')) as unknown;
  const entries = parseTariffSeed(file, AT);
  const locations = JSON.parse(readFileSync(join(ROOT, 'deploy/seed/locations.json'), 'utf8')) as {
    locations: { id: string; evses: { uid: string; connectors: { id: string }[] }[] }[];
  };
  const stations = JSON.parse(readFileSync(join(ROOT, 'deploy/seed/stations.json'), 'utf8')) as {
    stations: { connectors: { locationId: string; evseUid: string; connectorId: string }[] }[];
  };
  const connectors = locations.locations.flatMap((l) =>
    l.evses.flatMap((ev) => ev.connectors.map((c) => `${l.id}/${ev.uid}/${c.id}`)),
  );

  it('holds the four demo tariffs of the tariff engine, unchanged', () => {
    const byId = new Map(entries.map((x) => [x.input.tariffId, x.input]));
    for (const name of [
      'simple-per-kwh',
      'kwh-time-parking-time-of-day',
      'flat-step-size',
      'preauthorized-max-price.v230',
    ] as const) {
      const demo = parseTariffInput(demoTariff(name), demoTariff(name)['id'] as string, AT);
      expect(byId.get(demo.tariffId)).toEqual(demo);
    }
  });

  it('gives every connector of the demo locations and stations exactly one tariff', () => {
    const fromStations = stations.stations.flatMap((s) =>
      s.connectors.map((c) => `${c.locationId}/${c.evseUid}/${c.connectorId}`),
    );
    expect(new Set(fromStations)).toEqual(new Set(connectors));
    const assigned = entries.flatMap((x) => x.appliesTo);
    expect([...assigned].sort()).toEqual([...connectors].sort());
    expect(connectors).toHaveLength(6);
  });

  it('puts the 2.3.0 pre-authorisation tariff on at least two EVSEs', () => {
    const preauth = entries.find((x) => x.input.tariffId === 'DEMO-PREAUTH-230');
    expect(preauth?.input.ocpiVersion).toBe('2.3.0');
    expect(preauth?.input.tariff).toMatchObject({ preauthorize_amount: 50 });
    expect(preauth?.appliesTo.length).toBeGreaterThanOrEqual(2);
  });
});
