// npm run bench:kafka — produce -> consume through libs/kafka on the local broker (tools/infra).
// 1) throughput: a burst of messages published without awaiting each; 2) latency: a paced stream, measuring
// publish-call -> handler time. Prints numbers; asserts nothing.
import { createEvent, MeterValuesReceivedV1 } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { kafkaBrokers, uniqueNamespace } from '@tapcharge/testing';
import { createKafka, ensureTopics, EventConsumer, EventPublisher } from '../src';

const BURST = Number(process.env['BENCH_BURST'] ?? 50_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 1_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(): Promise<void> {
  const namespace = uniqueNamespace('bench');
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'bench-kafka' });
  await ensureTopics(kafka, [MeterValuesReceivedV1.topic], { namespace });
  const publisher = new EventPublisher(kafka, { namespace });
  await publisher.start();

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const consumer = new EventConsumer(kafka, {
    groupId: 'bench',
    namespace,
    events: [MeterValuesReceivedV1],
    partitionsConsumedConcurrently: 3,
    handleBatch: async (items) => {
      const now = performance.now();
      for (const { event } of items) {
        const t = sentAt.get(event.eventId);
        if (t !== undefined) latencies.push(now - t);
        received += 1;
      }
    },
  });
  await consumer.start();

  const make = (i: number) =>
    createEvent(
      MeterValuesReceivedV1,
      {
        ...SAMPLE_PAYLOADS.MeterValuesReceived,
        sessionId: `S-${i % 1000}`,
        samples: [{ timestamp: '2026-11-24T10:00:00Z', energyWh: i, context: 'Sample.Periodic' }],
      },
      { producer: 'bench' },
    );

  // 1) throughput
  const events = Array.from({ length: BURST }, (_, i) => make(i));
  const t0 = performance.now();
  await Promise.all(events.map((e) => publisher.publish(e)));
  const tProduced = performance.now();
  while (received < BURST) await new Promise((r) => setTimeout(r, 5));
  const tConsumed = performance.now();
  console.log(`throughput: ${BURST} events`);
  console.log(`  produce (acked):      ${((BURST / (tProduced - t0)) * 1000).toFixed(0)} msg/s`);
  console.log(`  produce -> consumed:  ${((BURST / (tConsumed - t0)) * 1000).toFixed(0)} msg/s`);

  // 2) latency at a steady rate
  latencies.length = 0;
  const target = received + RATE * SECONDS;
  const start = performance.now();
  let i = BURST;
  while (performance.now() - start < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    while (i - BURST < due) {
      const e = make(i++);
      sentAt.set(e.eventId, performance.now());
      void publisher.publish(e);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const deadline = Date.now() + 30_000;
  while (received < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`latency at ${RATE} msg/s for ${SECONDS}s (${sorted.length} events), publish call -> handler:`);
  console.log(
    `  p50 ${pct(sorted, 50).toFixed(1)} ms   p99 ${pct(sorted, 99).toFixed(1)} ms   max ${pct(sorted, 100).toFixed(1)} ms`,
  );

  await consumer.stop();
  await publisher.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({
    topics: [
      `${namespace}.${MeterValuesReceivedV1.topic.name}`,
      `${namespace}.${MeterValuesReceivedV1.topic.name}.dlq`,
    ],
  });
  await admin.disconnect();
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
