/*
 * OCPP gateway bench (`npm run bench:ocpp`): one gateway process (spawned from main.ts) holding N simulated
 * stations, and MeterValues from the simulator through the gateway to Kafka. Prints numbers; asserts nothing.
 *
 *   BENCH_STATIONS=10000       stations connected (all 1.6J unless BENCH_PROTOCOL=ocpp2.0.1)
 *   BENCH_CHARGING=2000        of them in a transaction, sending MeterValues every BENCH_METER_INTERVAL_S
 *   BENCH_METER_INTERVAL_S=1   so the offered load is CHARGING / INTERVAL frames per second
 *   BENCH_DURATION_S=30        measurement window (after a 5 s ramp)
 *   BENCH_SIM_WORKERS=2        simulator processes (the stations are split between them)
 *   BENCH_CPU_PROF=<dir>       write a CPU profile of the gateway there (node --cpu-prof)
 *   BENCH_GATEWAY_MAIN=<file>  run another gateway entry point (A/B against an older checkout)
 *
 * The simulator runs in child processes of its own, so its CPU is measured apart from the gateway and from
 * this process (which only consumes Kafka). All of them share the machine with Kafka and FerretDB: the
 * load average is printed with the figures.
 *
 * Bench stations get scrypt hashes at cost 2^10 (production default 2^14) so that registering and
 * authenticating 10,000 of them takes seconds, not minutes; the code path is the same.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { MeterValuesReceivedV1, type MeterValuesReceivedPayload } from '@tapcharge/contracts';
import { createKafka, EventConsumer } from '@tapcharge/kafka';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { fleetStationId } from '@tapcharge/station-simulator';
import { infraEnv, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { MongoStationRepository } from '../src/adapters/mongo/station.repository';
import { hashPassword } from '../src/domain/password-hash';
import { deleteNamespaceTopics } from '../test/gateway-harness';
import type { FromWorker, ToWorker, WorkerStats } from './sim-worker';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const STATIONS = env('BENCH_STATIONS', 10_000);
const CHARGING = Math.min(STATIONS, env('BENCH_CHARGING', 2_000));
const INTERVAL_S = env('BENCH_METER_INTERVAL_S', 1);
const DURATION_S = env('BENCH_DURATION_S', 30);
const WORKERS = Math.max(1, env('BENCH_SIM_WORKERS', 2));
const PROTOCOL = process.env['BENCH_PROTOCOL'] === 'ocpp2.0.1' ? 'ocpp2.0.1' : 'ocpp1.6';
const CPU_PROF = process.env['BENCH_CPU_PROF'];
const PASSWORD = 'bench-password-0123456789';
const log = createLogger({ service: 'ocpp-bench', level: 'warn' });
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function metrics(httpPort: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (m && m[1]) values[m[1] + (m[2] ?? '')] = Number(m[3]);
  }
  return values;
}

/** A simulator child process and a way to ask it something and wait for its answer. */
class SimWorker {
  private readonly child: ChildProcess;
  private waiting = new Map<FromWorker['kind'], (m: FromWorker) => void>();

  constructor() {
    this.child = fork(join(__dirname, 'sim-worker.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromWorker) => {
      const resolve = this.waiting.get(m.kind);
      this.waiting.delete(m.kind);
      resolve?.(m);
    });
  }

  ask<K extends FromWorker['kind']>(message: ToWorker, answer: K): Promise<Extract<FromWorker, { kind: K }>> {
    return new Promise((resolve) => {
      this.waiting.set(answer, resolve as (m: FromWorker) => void);
      this.child.send(message);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ kind: 'stop' } satisfies ToWorker);
    });
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function main(): Promise<void> {
  const infra = infraEnv();
  const namespace = uniqueNamespace('bench-ocpp');
  const [ocppPort, httpPort] = [await freePort(), await freePort()];
  out(
    `ocpp bench: ${STATIONS} ${PROTOCOL} stations in ${WORKERS} simulator process(es), ${CHARGING} charging ` +
      `with MeterValues every ${INTERVAL_S} s (offered ${(CHARGING / INTERVAL_S).toFixed(0)}/s), ${DURATION_S} s window`,
  );

  const ids = Array.from({ length: STATIONS }, (_, i) => fleetStationId('BENCH-', i + 1));
  const conn = await connectMongo({ url: infra.MONGO_URL, dbName: 'ocpp_gateway', namespace });
  const registry = new MongoStationRepository(conn);
  const hash = await hashPassword(PASSWORD, 10);
  let t = Date.now();
  await registry.insertMany(
    ids.map((stationId) => ({
      stationId,
      protocol: PROTOCOL,
      passwordHash: hash,
      enabled: true,
      connectors: [
        {
          ocppEvseId: 1,
          ocppConnectorId: 1,
          locationId: 'LOC-BENCH',
          evseUid: `${stationId}-1`,
          connectorId: '1',
        },
      ],
    })),
  );
  await conn.close();
  out(`registered ${STATIONS} stations in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const gateway: ChildProcess = spawn(
    process.execPath,
    [
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
      '-r',
      '@swc-node/register',
      process.env['BENCH_GATEWAY_MAIN'] ?? 'apps/ocpp-gateway/src/main.ts',
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: infra.KAFKA_BROKERS,
        MONGO_URL: infra.MONGO_URL,
        NAMESPACE: namespace,
        OCPP_PORT: String(ocppPort),
        HTTP_PORT: String(httpPort),
        LOG_LEVEL: 'warn',
        OCPP_PING_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const workers = Array.from({ length: WORKERS }, () => new SimWorker());
  let consumer: EventConsumer | undefined;
  try {
    await waitFor(() => fetch(`http://127.0.0.1:${httpPort}/ready`).then((r) => r.ok), {
      timeoutMs: 60_000,
      intervalMs: 250,
      description: 'gateway ready',
    });
    const idle = await metrics(httpPort);

    t = Date.now();
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.ask(
          {
            kind: 'connect',
            url: `ws://127.0.0.1:${ocppPort}/ocpp`,
            ids: ids.filter((_, n) => n % WORKERS === i),
            protocol: PROTOCOL,
            password: PASSWORD,
            meterIntervalSeconds: INTERVAL_S,
            concurrency: Math.ceil(200 / WORKERS),
          },
          'connected',
        ),
      ),
    );
    const connectS = (Date.now() - t) / 1000;
    await sleep(3_000); // let the gateway settle before reading memory
    const held = await metrics(httpPort);
    const stations = held['ocpp_connected_stations'] ?? 0;
    const failed = connected.reduce((n, c) => n + c.failed, 0);
    const perConnection = (name: string) =>
      ((held[name] ?? 0) - (idle[name] ?? 0)) / Math.max(1, stations) / 1024;
    out(
      `stations connected: ${stations}/${STATIONS} (BootNotification Accepted) in ${connectS.toFixed(1)} s, ${failed} failed` +
        (failed ? ` (${connected.find((c) => c.firstError)?.firstError})` : ''),
    );
    out(
      `gateway memory: RSS ${mb(idle['process_resident_memory_bytes'] ?? 0)} MB idle -> ${mb(held['process_resident_memory_bytes'] ?? 0)} MB; ` +
        `per connection ~${perConnection('process_resident_memory_bytes').toFixed(1)} KB RSS, ~${perConnection('nodejs_heap_size_used_bytes').toFixed(1)} KB heap`,
    );

    const kafka = createKafka({
      brokers: infra.KAFKA_BROKERS.split(','),
      clientId: `${namespace}-bench`,
      logger: log,
    });
    let consumed = 0;
    let measuring = false;
    const latencies: number[] = [];
    consumer = new EventConsumer(kafka, {
      groupId: 'bench-meter-counter',
      namespace,
      events: [MeterValuesReceivedV1],
      fromBeginning: false,
      logger: log,
      handleBatch: async (items) => {
        const now = Date.now();
        consumed += items.length;
        if (!measuring) return;
        for (const { event } of items) {
          const sampledAt = Date.parse(
            (event.payload as MeterValuesReceivedPayload).samples[0]?.timestamp ?? '',
          );
          if (Number.isFinite(sampledAt)) latencies.push(now - sampledAt);
        }
      },
    });
    await consumer.start();

    t = Date.now();
    const charging = await Promise.all(
      workers.map((w, i) =>
        w.ask(
          {
            kind: 'charge',
            count: Math.floor(CHARGING / WORKERS) + (i < CHARGING % WORKERS ? 1 : 0),
            concurrency: 50,
          },
          'charging',
        ),
      ),
    );
    out(
      `started ${charging.reduce((n, c) => n + c.started, 0)} transactions in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const stats = async (): Promise<WorkerStats[]> =>
      Promise.all(workers.map(async (w) => (await w.ask({ kind: 'stats' }, 'stats')).stats));
    const sum = (s: WorkerStats[], k: keyof WorkerStats) => s.reduce((n, x) => n + x[k], 0);
    // Ramp: at least 5 s, and until frames queued in the stations during the start phase are through
    // (fewer than one per charging station waiting), at most 60 s; the window measures steady state.
    const rampUntil = Date.now() + 60_000;
    await sleep(5_000);
    for (;;) {
      const s = await stats();
      const waiting = sum(s, 'offered') - sum(s, 'answered');
      if (waiting < CHARGING || Date.now() > rampUntil) {
        out(`ramp done: ${waiting} meter frames waiting in the simulator`);
        break;
      }
      await sleep(2_000);
    }
    const [s0, k0, m0, t0] = [await stats(), consumed, await metrics(httpPort), Date.now()];
    measuring = true;
    await sleep(DURATION_S * 1000);
    measuring = false;
    const [s1, k1, m1, t1] = [await stats(), consumed, await metrics(httpPort), Date.now()];
    const loadDuring = load();
    const secs = (t1 - t0) / 1000;
    const rate = (a: number, b: number) => ((b - a) / secs).toFixed(0);
    const delta = (k: string) => (m1[k] ?? 0) - (m0[k] ?? 0);
    const meanMs = (name: string, labels = '') =>
      ((delta(`${name}_sum${labels}`) / Math.max(1, delta(`${name}_count${labels}`))) * 1000).toFixed(1);
    const action = PROTOCOL === 'ocpp1.6' ? 'MeterValues' : 'TransactionEvent';
    latencies.sort((a, b) => a - b);

    out(`stations connected during the window: ${m1['ocpp_connected_stations'] ?? 0}`);
    out(
      `MeterValues/s: offered by the simulator ${rate(sum(s0, 'offered'), sum(s1, 'offered'))}, ` +
        `answered by the gateway ${rate(sum(s0, 'answered'), sum(s1, 'answered'))}, ` +
        `consumed from Kafka ${rate(k0, k1)}`,
    );
    out(
      `frame -> Kafka latency (sample taken in the simulator -> consumed from Kafka): ` +
        `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms (${latencies.length} events)`,
    );
    out(
      `gateway stages (means): CALL -> answer ${meanMs('ocpp_inbound_handler_seconds', `{action="${action}"}`)} ms, ` +
        `of which Kafka publish -> ack ${meanMs('ocpp_kafka_publish_seconds')} ms`,
    );
    out(
      `CPU (% of one core): gateway ${((delta('process_cpu_seconds_total') / secs) * 100).toFixed(0)}, ` +
        `simulator ${(((sum(s1, 'cpuMicros') - sum(s0, 'cpuMicros')) / 1e6 / secs) * 100).toFixed(0)} ` +
        `(event loop delay p99 ${Math.max(...s1.map((s) => s.eventLoopP99Ms)).toFixed(0)} ms); machine load average ${loadDuring}`,
    );
    const gcMs = (kind: string) =>
      ((delta(`nodejs_gc_duration_seconds_sum{kind="${kind}"}`) / secs) * 1000).toFixed(0);
    out(
      `gateway CPU per MeterValues frame ${((delta('process_cpu_seconds_total') / Math.max(1, sum(s1, 'answered') - sum(s0, 'answered'))) * 1e6).toFixed(0)} µs; ` +
        `GC ms per s: major ${gcMs('major')}, minor ${gcMs('minor')}, incremental ${gcMs('incremental')}`,
    );
    out(
      `gateway RSS ${mb(m1['process_resident_memory_bytes'] ?? 0)} MB, heap used ${mb(m1['nodejs_heap_size_used_bytes'] ?? 0)} MB; ` +
        `simulator RSS ${mb(sum(s1, 'rssBytes'))} MB`,
    );
  } finally {
    await consumer?.stop().catch(() => undefined);
    await Promise.all(workers.map((w) => w.stop()));
    gateway.kill('SIGTERM');
    await new Promise((r) => gateway.once('exit', r));
    await deleteNamespaceTopics(
      createKafka({ brokers: infra.KAFKA_BROKERS.split(','), clientId: `${namespace}-cleanup`, logger: log }),
      namespace,
    );
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
