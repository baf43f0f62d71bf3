import { createEvent, StationBootedV1, type EventEnvelope } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { createKafka, ensureTopics, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { infraEnv, kafkaBrokers, uniqueNamespace } from '@tapcharge/testing';
import type { Connection } from 'mongoose';
import { applyOnce } from './apply-once';
import { AggregateStore, ConcurrencyError, writeModeOf, type Aggregate } from './aggregate-store';
import { connectMongo, pingMongo } from './connection';
import { OutboxRelay, type OutboxPublisher } from './outbox-relay';

interface Counter {
  count: number;
}

describe('libs/persistence against real FerretDB (and Kafka for the relay)', () => {
  const namespace = uniqueNamespace('persist');
  let conn: Connection;
  let store: AggregateStore<Counter>;

  beforeAll(async () => {
    conn = await connectMongo({ url: infraEnv().MONGO_URL, dbName: 'persistence_it', namespace });
    store = new AggregateStore<Counter>(conn, 'counters', { processedIdsLimit: 3 });
    await store.ensureIndexes();
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('connects to its own database and answers ping', async () => {
    expect(conn.name).toBe(`persistence_it_${namespace.replace(/-/g, '_')}`);
    expect(await pingMongo(conn)).toBe(true);
  });

  it('detects FerretDB, whose guarded filters are full scans, and picks read-then-write for it', async () => {
    expect(await writeModeOf(conn)).toBe('read-then-write');
  });

  describe.each(['guarded-filter', 'read-then-write'] as const)('with %s writes', (writeMode) => {
    let s: AggregateStore<Counter>;
    beforeAll(() => {
      s = new AggregateStore<Counter>(conn, `counters_${writeMode}`, { writeMode });
    });

    it('saves with optimistic concurrency: create once, then only from the version it read', async () => {
      const a = await s.save({ id: 'c1', state: { count: 1 }, processedEventIds: ['e1'], outbox: [] }, 0);
      expect(a.version).toBe(1);
      await expect(
        s.save({ id: 'c1', state: { count: 9 }, processedEventIds: [], outbox: [] }, 0),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      const b = await s.save({ ...a, state: { count: 2 } }, a.version);
      await expect(s.save({ ...a, state: { count: 3 } }, a.version)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(s.save({ ...a, id: 'missing', state: { count: 3 } }, 4)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await s.load('c1'))?.state).toEqual({ count: 2 });
      expect(b.version).toBe(2);
    });

    it('clears an outbox only at the version that carried it', async () => {
      const entry = { eventId: 'e-1', json: '{}' };
      const a = await s.save({ id: 'ob', state: { count: 0 }, processedEventIds: [], outbox: [entry] }, 0);
      const b = await s.save({ ...a, outbox: [entry, { eventId: 'e-2', json: '{}' }] }, a.version);
      expect(await s.clearOutbox('ob', a.version)).toBe(false);
      expect((await s.load('ob'))?.outbox).toHaveLength(2);
      expect(await s.clearOutbox('ob', b.version)).toBe(true);
      expect((await s.load('ob'))?.outbox).toEqual([]);
    });

    it('loads many by id, skipping the missing ones', async () => {
      const got = await s.loadMany(['c1', 'nope', 'ob', 'c1']);
      expect([...got.keys()].sort()).toEqual(['c1', 'ob']);
      expect(got.get('c1')?.state).toEqual({ count: 2 });
    });
  });

  // Only for read-then-write: with a guarded filter, "exactly one wins" is MongoDB's atomic replace, which
  // FerretDB v1 does not give (several concurrent writers can match; the reason for read-then-write there).
  it('read-then-write lets exactly one of several writers from the same version win (one process)', async () => {
    const s = new AggregateStore<Counter>(conn, 'counters_race', { writeMode: 'read-then-write' });
    const a = await s.save({ id: 'race', state: { count: 0 }, processedEventIds: [], outbox: [] }, 0);
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => s.save({ ...a, state: { count: n } }, a.version)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => r.reason)).toEqual(
      Array.from({ length: 4 }, () => expect.any(ConcurrencyError)),
    );
    expect((await s.load('race'))?.version).toBe(2);
  });

  it('keeps a bounded window of processed event ids', async () => {
    const saved = await store.save(
      { id: 'c2', state: { count: 0 }, processedEventIds: ['a', 'b', 'c', 'd', 'e'], outbox: [] },
      0,
    );
    expect(saved.processedEventIds).toEqual(['c', 'd', 'e']);
    expect((await store.load('c2'))?.processedEventIds).toEqual(['c', 'd', 'e']);
  });

  it('re-sends an outbox left behind by a crash between the state write and the publish', async () => {
    const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'persistence-it' });
    await ensureTopics(kafka, [StationBootedV1.topic], { namespace });
    const recorder = new EventRecorder(kafkaBrokers(), [StationBootedV1], namespace);
    await recorder.start();
    const publisher = new EventPublisher(kafka, { namespace });
    await publisher.start();
    try {
      // The handler applies an event and writes state + outbox atomically, then "crashes" before publishing.
      const cause = createEvent(StationBootedV1, SAMPLE_PAYLOADS.StationBooted, { producer: 't' });
      const start: Aggregate<Counter> = {
        id: 'c3',
        version: 0,
        state: { count: 0 },
        processedEventIds: [],
        outbox: [],
      };
      const emitted: EventEnvelope[] = [];
      const next = applyOnce(start, cause, (s) => {
        const e = createEvent(
          StationBootedV1,
          { ...SAMPLE_PAYLOADS.StationBooted, stationId: 'CS-OUTBOX' },
          { producer: 't', causedBy: cause },
        );
        emitted.push(e);
        return { state: { count: s.count + 1 }, emit: [e] };
      });
      if (!next) throw new Error('expected a change');
      await store.save(next, 0);

      // A publisher that fails, as if the process died mid-publish.
      const broken: OutboxPublisher = { publish: () => Promise.reject(new Error('process died')) };
      await expect(new OutboxRelay(store, broken).recover()).rejects.toThrow('process died');
      expect((await store.withPendingOutbox()).map((a) => a.id)).toContain('c3');

      // After the restart the relay finds the pending outbox, publishes it and clears it.
      const relay = new OutboxRelay(store, publisher);
      expect(await relay.recover()).toBeGreaterThanOrEqual(1);
      const got = await recorder.waitFor(
        (e) => e.eventId === emitted[0]?.eventId,
        30_000,
        'the outbox event',
      );
      expect(got.causationId).toBe(cause.eventId);
      expect((await store.load('c3'))?.outbox).toEqual([]);
      expect(await store.withPendingOutbox()).toEqual([]);

      // Re-running the handler for the same event changes nothing (idempotent).
      const reloaded = await store.load('c3');
      expect(
        reloaded && applyOnce(reloaded, cause, (s) => ({ state: { count: s.count + 1 }, emit: [] })),
      ).toBeUndefined();
    } finally {
      await recorder.stop();
      await publisher.stop();
    }
  });

  it('fails fast with an error, not a hang, when the store is unreachable', async () => {
    await expect(
      connectMongo({ url: 'mongodb://127.0.0.1:1', dbName: 'nowhere' }).catch((e: unknown) => {
        throw e;
      }),
    ).rejects.toThrow();
  }, 30_000);
});
