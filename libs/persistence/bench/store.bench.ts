// npm run bench:store — version-guarded snapshot writes through AggregateStore on the real store, the way
// the session engine writes them: COLLECTION_DOCS aggregates of DOC_KB each, then WRITES saves spread over
// them, CONCURRENCY at a time, in each write mode. Prints writes/s and latency p50/p99 per mode (or why a
// mode failed: on FerretDB a guarded filter scans the collection and can run into the driver's timeout).
// MONGO_URL=... points it at another store.
import { performance } from 'node:perf_hooks';
import { infraEnv, uniqueNamespace } from '@tapcharge/testing';
import { AggregateStore, connectMongo, writeModeOf, type Aggregate, type WriteMode } from '../src';

const DOCS = Number(process.env['COLLECTION_DOCS'] ?? 200);
const DOC_KB = Number(process.env['DOC_KB'] ?? 20);
const WRITES = Number(process.env['WRITES'] ?? 500);
const CONCURRENCY = Number(process.env['CONCURRENCY'] ?? 20);

interface Snapshot {
  samples: Array<{ timestamp: string; energyWh: number; context: string }>;
}

function snapshot(i: number): Snapshot {
  const n = Math.max(1, Math.round((DOC_KB * 1024) / 90));
  return {
    samples: Array.from({ length: n }, (_, k) => ({
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, k * 10)).toISOString(),
      energyWh: i * 1000 + k,
      context: 'Sample.Periodic',
    })),
  };
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main(): Promise<void> {
  const conn = await connectMongo({
    url: infraEnv().MONGO_URL,
    dbName: 'store_bench',
    namespace: uniqueNamespace('sb'),
  });
  console.log(
    `store bench: ${DOCS} aggregates of ~${DOC_KB} KB, ${WRITES} guarded writes, ${CONCURRENCY} at a time; ` +
      `server picks ${await writeModeOf(conn)}`,
  );
  try {
    for (const mode of ['read-then-write', 'guarded-filter'] as WriteMode[]) {
      const store = new AggregateStore<Snapshot>(conn, `bench_${mode.replace(/-/g, '_')}`, {
        writeMode: mode,
      });
      const current = new Map<string, Aggregate<Snapshot>>();
      for (let i = 0; i < DOCS; i++) {
        const id = `agg-${i}`;
        current.set(id, await store.save({ id, state: snapshot(i), processedEventIds: [], outbox: [] }, 0));
      }
      const latencies: number[] = [];
      const started = performance.now();
      // Worker k owns aggregates k, k + CONCURRENCY, ...: one writer per aggregate, as with Kafka keys.
      const worker = async (k: number) => {
        const own = Array.from(
          { length: Math.ceil((DOCS - k) / CONCURRENCY) },
          (_, j) => `agg-${k + j * CONCURRENCY}`,
        );
        for (let w = k, j = 0; w < WRITES; w += CONCURRENCY, j++) {
          const id = own[j % own.length]!;
          const agg = current.get(id)!;
          const t = performance.now();
          current.set(id, await store.save({ ...agg, processedEventIds: [`e${w}`] }, agg.version));
          latencies.push(performance.now() - t);
        }
      };
      try {
        await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => worker(k)));
      } catch (err) {
        console.log(
          `  ${mode.padEnd(16)} failed after ${latencies.length} writes: ${(err as Error).message}`,
        );
        continue;
      }
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `  ${mode.padEnd(16)} ${(WRITES / seconds).toFixed(0).padStart(6)} writes/s, ` +
          `p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
      );
    }
  } finally {
    await conn.dropDatabase();
    await conn.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
