import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent, TariffChangedV1 } from '@tapcharge/contracts';
import { connectMongo } from '@tapcharge/persistence';
import { infraEnv, waitFor } from '@tapcharge/testing';
import type { Connection } from 'mongoose';
import { MongoTariffRepository } from '../src/adapters/mongo/tariff.repository';
import { parseTariffInput } from '../src/domain/tariff-input.parser';
import { withTariff, type TariffRecord } from '../src/domain/tariff-record';
import { demoTariff, withFirstPrice } from './demo-tariffs';
import { TariffServiceHarness, TEST_SEED_ASSIGNMENTS } from './tariff-service.harness';

const SEEDED = Object.keys(TEST_SEED_ASSIGNMENTS);
const priceOf = (t: unknown) =>
  (t as { elements: { price_components: { price: number }[] }[] } | null)?.elements[0]?.price_components[0]
    ?.price;

describe('tariff-service across restarts: idempotent seed, operator edits kept, nothing lost in a crash', () => {
  const h = new TariffServiceHarness();
  let conn: Connection;

  beforeAll(async () => {
    await h.start();
    await h.startRecorder();
    conn = await connectMongo({
      url: infraEnv().MONGO_URL,
      dbName: 'tariff_service',
      namespace: h.namespace,
    });
  });

  afterAll(async () => {
    await conn?.close();
    await h.stop();
  });

  it('republishes nothing on a restart with the same seed, and keeps an operator edit of a seeded tariff', async () => {
    for (const id of SEEDED) await h.waitForChange((p) => p.tariffId === id, `seed of ${id}`);
    const edited = await h.http('PUT', '/admin/tariffs/DEMO-SIMPLE-KWH', {
      body: withFirstPrice(demoTariff('simple-per-kwh'), 0.55),
    });
    expect(edited.status).toBe(200);

    await h.stopService();
    const restarted = await h.start();
    expect(restarted.seed).toEqual({ create: [], adopt: [], replace: [], skip: SEEDED });
    const simple = await h.http<{ tariff: unknown }>('GET', '/admin/tariffs/DEMO-SIMPLE-KWH');
    expect(priceOf(simple.body.tariff)).toBe(0.55);

    // A tombstone per tariff after the restart: per key the topic is ordered, so once each tombstone is
    // seen, any republication at the restart would have been seen before it.
    for (const id of SEEDED) expect((await h.http('DELETE', `/admin/tariffs/${id}`)).status).toBe(204);
    for (const id of SEEDED)
      await h.waitForChange((p) => p.tariffId === id && p.tariff === null, `delete ${id}`);
    for (const id of SEEDED) {
      const kinds = h.changes(id).map((c) => (c.tariff === null ? 'deleted' : `price ${priceOf(c.tariff)}`));
      const seededPrice = priceOf(h.changes(id)[0]?.tariff);
      expect({ id, kinds }).toEqual({
        id,
        kinds:
          id === 'DEMO-SIMPLE-KWH'
            ? [`price ${seededPrice}`, 'price 0.55', 'deleted']
            : [`price ${seededPrice}`, 'deleted'],
      });
    }
  });

  it('keeps deleted seed tariffs deleted on restart, and applies a seed entry that changed', async () => {
    const seed = JSON.parse(readFileSync(h.seedFile, 'utf8')) as {
      tariffs: { tariff: Record<string, unknown> }[];
    };
    const flat = seed.tariffs.find((t) => t.tariff['id'] === 'DEMO-FLAT-STEP');
    if (!flat) throw new Error('DEMO-FLAT-STEP missing from the demo seed');
    withFirstPrice(flat.tariff, 0.5);
    const file = join(h.dir, 'changed-tariffs.json');
    writeFileSync(file, JSON.stringify(seed));

    await h.stopService();
    const restarted = await h.start({ TARIFFS_SEED: file });
    expect(restarted.seed).toMatchObject({ create: [], adopt: [], replace: ['DEMO-FLAT-STEP'] });
    expect(restarted.seed?.skip).toHaveLength(3);
    expect((await h.http('GET', '/admin/tariffs/DEMO-SIMPLE-KWH')).status).toBe(404);
    const e = await h.waitForChange(
      (p) => p.tariffId === 'DEMO-FLAT-STEP' && priceOf(p.tariff) === 0.5,
      'changed seed entry published',
    );
    expect(e.payload).toMatchObject({ appliesTo: ['LOC-001/LOC-001-EVSE-06/1'] });
  });

  it('publishes at start a TariffChanged that a crash left unpublished in the document', async () => {
    await h.stopService();
    // The state write with its event happened, then the process died before the publish.
    const repo = new MongoTariffRepository(conn);
    const lastUpdated = new Date().toISOString();
    const input = parseTariffInput(
      { ...demoTariff('simple-per-kwh'), id: 'IT-CRASHED' },
      'IT-CRASHED',
      lastUpdated,
    );
    const created = withTariff(undefined, input, lastUpdated);
    if (!created) throw new Error('expected a new tariff record');
    const record: TariffRecord = { ...created, appliesTo: ['LOC-001/LOC-001-EVSE-01/1'] };
    const event = createEvent(
      TariffChangedV1,
      {
        ...record,
        tariff: record.tariff as unknown as Record<string, unknown>,
        appliesTo: [...record.appliesTo],
      },
      { producer: 'tariff-service', idDiscriminator: 'IT-CRASHED@1' },
    );
    await repo.save(record, 0, event);
    expect(await repo.store.count({ hasOutbox: true })).toBe(1);

    await h.start({ TARIFFS_SEED: '' });
    const sent = await h.recorder.waitFor((e) => e.eventId === event.eventId, 20_000, 'the recovered event');
    expect(sent.payload).toMatchObject({ tariffId: 'IT-CRASHED', appliesTo: ['LOC-001/LOC-001-EVSE-01/1'] });
    await waitFor(async () => (await repo.store.count({ hasOutbox: true })) === 0, {
      description: 'the outbox cleared after the publish',
    });
    expect((await h.http('GET', '/admin/tariffs/IT-CRASHED')).status).toBe(200);
  });
});
