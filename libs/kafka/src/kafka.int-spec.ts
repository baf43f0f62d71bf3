import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEvent,
  decodeEvent,
  MeterValuesReceivedV1,
  StationBootedV1,
  type EventEnvelope,
} from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import type { Kafka, KafkaMessage } from 'kafkajs';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  EventPublisher,
  namespacedTopic,
  PermanentError,
} from './index';

function meterEvent(i: number, sessionId = 'S-1'): EventEnvelope {
  return createEvent(
    MeterValuesReceivedV1,
    {
      ...SAMPLE_PAYLOADS.MeterValuesReceived,
      sessionId,
      samples: [{ timestamp: '2026-11-24T10:00:00Z', energyWh: i, context: 'Sample.Periodic' }],
    },
    { producer: 'test' },
  );
}

/** Reads a whole topic (all partitions) with a throwaway group. */
async function readTopic(kafka: Kafka, topic: string, expected: number): Promise<KafkaMessage[]> {
  const seen: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: `reader-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await waitFor(() => seen.length >= expected, {
      timeoutMs: 30_000,
      description: `${expected} messages on ${topic}`,
    });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

describe('libs/kafka against a real broker', () => {
  const namespace = uniqueNamespace('kafka');
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'kafka-int-spec' });
  const publisher = new EventPublisher(kafka, { namespace });
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [MeterValuesReceivedV1.topic, StationBootedV1.topic], { namespace });
    await publisher.start();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await publisher.stop();
  });

  it('ensureTopics is idempotent and creates dead-letter topics', async () => {
    expect(await ensureTopics(kafka, [MeterValuesReceivedV1.topic], { namespace })).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toContain(namespacedTopic('ocpp.meter-values.received.v1.dlq', namespace));
  });

  it('round trip: batched publish, validated consume, per-key order kept', async () => {
    const group = 'round-trip';
    const got: EventEnvelope[] = [];
    const c = new EventConsumer(kafka, {
      groupId: group,
      namespace,
      events: [StationBootedV1],
      handle: async ({ event }) => void got.push(event),
    });
    consumers.push(c);
    await c.start();
    const sent = Array.from({ length: 200 }, (_, i) =>
      createEvent(
        StationBootedV1,
        { ...SAMPLE_PAYLOADS.StationBooted, stationId: `CS-${i % 4}`, model: `m${i}` },
        { producer: 'test' },
      ),
    );
    await Promise.all(sent.map((e) => publisher.publish(e)));
    await waitFor(() => got.length >= 200, { timeoutMs: 30_000, description: '200 events' });
    expect(new Set(got.map((e) => e.eventId))).toEqual(new Set(sent.map((e) => e.eventId)));
    for (let s = 0; s < 4; s++) {
      const order = (list: EventEnvelope[]) =>
        list
          .filter((e) => (e.payload as { stationId: string }).stationId === `CS-${s}`)
          .map((e) => e.eventId);
      expect(order(got)).toEqual(order(sent));
    }
  });

  it('dead-letters poison messages with error headers and moves on; drops duplicate event ids', async () => {
    const topic = namespacedTopic(MeterValuesReceivedV1.topic.name, namespace);
    const handled: Array<number | undefined> = [];
    const c = new EventConsumer(kafka, {
      groupId: 'dlq',
      namespace,
      events: [MeterValuesReceivedV1],
      maxAttempts: 3,
      retryBackoffMs: 10,
      handle: async ({ event }) => {
        const wh = (event.payload as { samples: Array<{ energyWh: number }> }).samples[0]?.energyWh;
        if (wh === 666) throw new PermanentError('energy register of the beast', 'TEST.POISON');
        if (wh === 777) throw new Error('always fails');
        handled.push(wh);
      },
    });
    consumers.push(c);
    await c.start();
    const good1 = meterEvent(1);
    await publisher.publish(good1);
    await publisher.publishRaw(topic, [{ key: 'S-1', value: Buffer.from('{not json') }]);
    await publisher.publish([meterEvent(666), meterEvent(777), good1, meterEvent(2)]);
    await waitFor(() => handled.includes(2), {
      timeoutMs: 30_000,
      description: 'the event after the poison ones',
    });
    expect(handled).toEqual([1, 2]); // the duplicate of good1 was dropped

    const dead = await readTopic(kafka, `${topic}.dlq`, 3);
    const codes = dead.map((m) => m.headers?.['dlq-error-code']?.toString()).sort();
    expect(codes).toEqual(['CONTRACT.INVALID_JSON', 'Error', 'TEST.POISON']);
    const failing = dead.find((m) => m.headers?.['dlq-error']?.toString() === 'always fails');
    expect(failing?.headers?.['dlq-attempts']?.toString()).toBe('3');
    expect(failing?.headers?.['dlq-original-topic']?.toString()).toBe(topic);
    expect(failing && decodeEvent(failing.value).type).toBe('MeterValuesReceived');
  });

  it('redelivers after a consumer dies before commit: nothing lost, and idempotent effects stay single', async () => {
    const ns = uniqueNamespace('crash');
    await ensureTopics(kafka, [MeterValuesReceivedV1.topic], { namespace: ns });
    const pub = new EventPublisher(kafka, { namespace: ns });
    await pub.start();
    const sent = Array.from({ length: 30 }, (_, i) => meterEvent(i, `S-${i % 3}`));
    await pub.publish(sent);
    await pub.stop();

    const effects = join(mkdtempSync(join(tmpdir(), 'crash-')), 'effects.txt');
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'libs/kafka/test/crashing-consumer.ts',
        kafkaBrokers().join(','),
        ns,
        'crashy',
        effects,
        '10',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect(signal).toBe('SIGKILL');
    expect(existsSync(effects)).toBe(true);
    const beforeCrash = readFileSync(effects, 'utf8').trim().split('\n');
    expect(beforeCrash).toHaveLength(10);

    // A new member of the same group takes over; the effect store is keyed by event id (idempotent).
    const applied = new Set(beforeCrash);
    let deliveries = 0;
    const c = new EventConsumer(kafka, {
      groupId: 'crashy',
      namespace: ns,
      events: [MeterValuesReceivedV1],
      sessionTimeoutMs: 6_000,
      handle: async ({ event }) => {
        deliveries += 1;
        applied.add(event.eventId);
      },
    });
    consumers.push(c);
    await c.start(90_000);
    await waitFor(() => applied.size === 30, { timeoutMs: 60_000, description: 'all 30 effects' });
    expect(new Set(sent.map((e) => e.eventId))).toEqual(applied);
    // Offsets were not committed before the crash, so events handled before it were delivered again.
    expect(deliveries).toBeGreaterThan(30 - beforeCrash.length);
  }, 120_000);
  it('a batch that takes longer than the session timeout keeps the membership (no rebalance, no redelivery)', async () => {
    const ns = uniqueNamespace('slowbatch');
    await ensureTopics(kafka, [MeterValuesReceivedV1.topic], { namespace: ns });
    const pub = new EventPublisher(kafka, { namespace: ns });
    await pub.start();
    let joins = 0;
    let joinsWhenSlowStarted: number | undefined;
    const handled: string[] = [];
    const slow = meterEvent(1, 'SLOW');
    const c = new EventConsumer(kafka, {
      groupId: 'slow-batch',
      namespace: ns,
      events: [MeterValuesReceivedV1],
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      onAssignment: () => void (joins += 1),
      handleBatch: async (items) => {
        if (items.some((i) => i.event.eventId === slow.eventId)) {
          // This batch outlasts the 6 s session timeout by half.
          joinsWhenSlowStarted = joins;
          await new Promise((r) => setTimeout(r, 9_000));
        }
        handled.push(...items.map((i) => i.event.eventId));
      },
    });
    consumers.push(c);
    await c.start(60_000);
    // A warm-up round trip first, so the group has settled (a fresh broker may rebalance once after the join).
    const warmUp = meterEvent(0, 'SLOW');
    await pub.publish([warmUp]);
    await waitFor(() => handled.includes(warmUp.eventId), { timeoutMs: 40_000, description: 'warm-up' });
    await pub.publish([slow]);
    await waitFor(() => handled.includes(slow.eventId), { timeoutMs: 40_000, description: 'the slow batch' });
    const later = meterEvent(2, 'SLOW');
    await pub.publish([later]);
    await waitFor(() => handled.includes(later.eventId), {
      timeoutMs: 40_000,
      description: 'the next batch',
    });
    // Evicted during the slow batch, the member would have had to join again before the next one.
    expect(joinsWhenSlowStarted).toBeDefined();
    expect(joins).toBe(joinsWhenSlowStarted);
    expect(handled.filter((id) => id === slow.eventId)).toHaveLength(1);
    await pub.stop();
  }, 120_000);
});
