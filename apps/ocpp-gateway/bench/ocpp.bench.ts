/*
 * OCPP gateway bench (`npm run bench:ocpp`): one gateway process (spawned from main.ts) holding N simulated
 * stations, and the MeterValues rate from simulator to Kafka. Prints numbers; asserts nothing.
 *
 *   BENCH_STATIONS=10000   stations connected (all 1.6J unless BENCH_PROTOCOL=ocpp2.0.1)
 *   BENCH_CHARGING=1000    of them in a transaction, sending MeterValues every BENCH_METER_INTERVAL_S
 *   BENCH_METER_INTERVAL_S=1, BENCH_DURATION_S=30
 *
 * Bench stations get scrypt hashes at cost 2^10 (production default 2^14) so that registering and
 * authenticating 10,000 of them takes seconds, not minutes; the code path is the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { MeterValuesReceivedV1 } from '@tapcharge/contracts';
import { createKafka, EventConsumer } from '@tapcharge/kafka';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { createFleet, startAll, type SimulatedStation } from '@tapcharge/station-simulator';
import { infraEnv, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { MongoStationRepository } from '../src/adapters/mongo/station.repository';
import { hashPassword } from '../src/domain/password-hash';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const STATIONS = env('BENCH_STATIONS', 10_000);
const CHARGING = Math.min(STATIONS, env('BENCH_CHARGING', 1_000));
const INTERVAL_S = env('BENCH_METER_INTERVAL_S', 1);
const DURATION_S = env('BENCH_DURATION_S', 30);
const PROTOCOL = process.env['BENCH_PROTOCOL'] === 'ocpp2.0.1' ? 'ocpp2.0.1' : 'ocpp1.6';
const PASSWORD = 'bench-password-0123456789';
const log = createLogger({ service: 'ocpp-bench', level: 'warn' });
const out = (line: string) => process.stdout.write(`${line}\n`);

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

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const infra = infraEnv();
  const namespace = uniqueNamespace('bench-ocpp');
  const [ocppPort, httpPort] = [await freePort(), await freePort()];
  out(
    `ocpp bench: ${STATIONS} ${PROTOCOL} stations, ${CHARGING} charging with MeterValues every ${INTERVAL_S} s, ${DURATION_S} s window`,
  );

  const conn = await connectMongo({ url: infra.MONGO_URL, dbName: 'ocpp_gateway', namespace });
  const registry = new MongoStationRepository(conn);
  const hash = await hashPassword(PASSWORD, 10);
  const fleet = createFleet({
    url: `ws://127.0.0.1:${ocppPort}/ocpp`,
    count: STATIONS,
    idPrefix: 'BENCH-',
    protocol: PROTOCOL,
    password: PASSWORD,
    meterIntervalSeconds: INTERVAL_S,
    heartbeats: false,
    reconnectDelayMs: 5_000,
  });
  let t = Date.now();
  await registry.insertMany(
    fleet.map((s) => ({
      stationId: s.id,
      protocol: PROTOCOL,
      passwordHash: hash,
      enabled: true,
      connectors: [
        {
          ocppEvseId: 1,
          ocppConnectorId: 1,
          locationId: 'LOC-BENCH',
          evseUid: `${s.id}-1`,
          connectorId: '1',
        },
      ],
    })),
  );
  await conn.close();
  out(`registered ${STATIONS} stations in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const gateway: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/ocpp-gateway/src/main.ts'],
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
  const stopGateway = () => gateway.kill('SIGTERM');
  try {
    await waitFor(() => fetch(`http://127.0.0.1:${httpPort}/ready`).then((r) => r.ok), {
      timeoutMs: 60_000,
      intervalMs: 250,
      description: 'gateway ready',
    });
    const idle = await metrics(httpPort);

    t = Date.now();
    const failures = await startAll(fleet, 200);
    const connectS = (Date.now() - t) / 1000;
    await new Promise((r) => setTimeout(r, 3_000)); // let the process settle before reading memory
    const held = await metrics(httpPort);
    const connected = held['ocpp_connected_stations'] ?? 0;
    const rssPer =
      ((held['process_resident_memory_bytes'] ?? 0) - (idle['process_resident_memory_bytes'] ?? 0)) /
      Math.max(1, connected);
    const heapPer =
      ((held['nodejs_heap_size_used_bytes'] ?? 0) - (idle['nodejs_heap_size_used_bytes'] ?? 0)) /
      Math.max(1, connected);
    out(
      `connected ${connected}/${STATIONS} stations (BootNotification Accepted) in ${connectS.toFixed(1)} s, ${failures.length} failed`,
    );
    out(
      `gateway memory: idle RSS ${mb(idle['process_resident_memory_bytes'] ?? 0)} MB -> ${mb(held['process_resident_memory_bytes'] ?? 0)} MB; heap used ${mb(held['nodejs_heap_size_used_bytes'] ?? 0)} MB`,
    );
    out(
      `memory per connection: ~${(rssPer / 1024).toFixed(1)} KB RSS, ~${(heapPer / 1024).toFixed(1)} KB heap`,
    );

    const kafka = createKafka({
      brokers: infra.KAFKA_BROKERS.split(','),
      clientId: `${namespace}-bench`,
      logger: log,
    });
    let onKafka = 0;
    const consumer = new EventConsumer(kafka, {
      groupId: 'bench-meter-counter',
      namespace,
      events: [MeterValuesReceivedV1],
      fromBeginning: false,
      logger: log,
      handleBatch: async (items) => {
        onKafka += items.length;
      },
    });
    await consumer.start();

    const charging = fleet.filter((s) => s.isOnline).slice(0, CHARGING);
    let acked = 0;
    for (const s of charging)
      s.on('sent', (e) => e.action.match(/MeterValues|TransactionEvent/) && e.response && acked++);
    t = Date.now();
    const startFailures = await startTransactions(charging, 100);
    out(
      `started ${charging.length - startFailures} transactions in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    await new Promise((r) => setTimeout(r, 5_000)); // ramp
    const [a0, k0, m0, t0] = [acked, onKafka, await metrics(httpPort), Date.now()];
    await new Promise((r) => setTimeout(r, DURATION_S * 1000));
    const [a1, k1, m1, t1] = [acked, onKafka, await metrics(httpPort), Date.now()];
    const secs = (t1 - t0) / 1000;
    const cpu = ((m1['process_cpu_seconds_total'] ?? 0) - (m0['process_cpu_seconds_total'] ?? 0)) / secs;
    const count = (m: Record<string, number>, k: string) =>
      m[`ocpp_inbound_handler_seconds_count{action="${k}"}`] ?? 0;
    const sum = (m: Record<string, number>, k: string) =>
      m[`ocpp_inbound_handler_seconds_sum{action="${k}"}`] ?? 0;
    const action = PROTOCOL === 'ocpp1.6' ? 'MeterValues' : 'TransactionEvent';
    const meanMs =
      ((sum(m1, action) - sum(m0, action)) / Math.max(1, count(m1, action) - count(m0, action))) * 1000;
    out(
      `MeterValues answered by the gateway: ${((a1 - a0) / secs).toFixed(0)} frames/s (mean CALL->answer incl. Kafka ack ${meanMs.toFixed(1)} ms)`,
    );
    out(`MeterValuesReceived consumed from Kafka: ${((k1 - k0) / secs).toFixed(0)} events/s`);
    out(
      `gateway CPU: ${(cpu * 100).toFixed(0)} % of one core; RSS ${mb(m1['process_resident_memory_bytes'] ?? 0)} MB`,
    );
    await consumer.stop();
  } finally {
    await Promise.all(fleet.map((s) => s.shutdown()));
    stopGateway();
  }
}

async function startTransactions(stations: SimulatedStation[], concurrency: number): Promise<number> {
  let failed = 0;
  let next = 0;
  const worker = async () => {
    for (let s = stations[next++]; s; s = stations[next++]) {
      await s.startTransaction(1, `BENCH${next}`).catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
