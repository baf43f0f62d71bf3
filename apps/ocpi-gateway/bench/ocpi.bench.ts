/*
 * OCPI gateway bench (real Kafka + FerretDB):
 *  1. GET /locations?limit=50 requests/s against a gateway process pinned to one core (taskset -c 0 when
 *     available); the load generator runs in this process on the other cores.
 *  2. START_SESSION -> StartSessionRequested-on-Kafka latency p50/p99.
 * Run: node -r @swc-node/register apps/ocpi-gateway/bench/ocpi.bench.ts  (env: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_STARTS)
 */
import { EVENTS, type EventEnvelope } from '@tapcharge/contracts';
import { createKafka, EventConsumer, EventPublisher } from '@tapcharge/kafka';
import { createEvent } from '@tapcharge/contracts';
import { encodeTokenHeader } from '@tapcharge/ocpi';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { infraEnv, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const STARTS = Number(process.env['BENCH_STARTS'] ?? 300);
const ADMIN = 'bench-admin-token-0123456789';
const PAGE = Number(process.env['BENCH_PAGE'] ?? 50);
/** EVSEs per generated Location (the demo LOC-001 keeps its 6). */
const EVSES_PER_LOCATION = Number(process.env['BENCH_EVSES'] ?? 2);
const PORT = 18000 + Math.floor(Math.random() * 1000);

function seedWith(n: number): string {
  const seed = JSON.parse(readFileSync('deploy/seed/locations.json', 'utf8')) as {
    locations: Array<Record<string, unknown>>;
  };
  const proto = seed.locations[0]!;
  const evses = (proto['evses'] as Array<Record<string, unknown>>).slice(0, EVSES_PER_LOCATION);
  const locations = Array.from({ length: n }, (_, i) =>
    i === 0
      ? proto
      : {
          ...proto,
          id: `BENCH-${String(i).padStart(4, '0')}`,
          evses: evses.map((e) => ({ ...e, uid: `BENCH-${i}-${String(e['uid'])}` })),
        },
  );
  const dir = mkdtempSync(join(tmpdir(), 'ocpi-bench-'));
  const file = join(dir, 'locations.json');
  writeFileSync(file, JSON.stringify({ locations, ocppMapping: [] }));
  return file;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function loadLocations(
  url: string,
  token: string,
): Promise<{ rps: number; errors: number; bytes: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers = { authorization: encodeTokenHeader(token) };
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  let bytes = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request(url, { agent, headers }, (res) => {
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => {
          if (res.statusCode === 200) done++;
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const worker = async () => {
    while (Date.now() < end) await one();
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  return { rps: done / ((Date.now() - t0) / 1000), errors, bytes };
}

async function main(): Promise<void> {
  const { KAFKA_BROKERS, MONGO_URL } = infraEnv();
  const namespace = uniqueNamespace('ocpibench');
  const env = {
    ...process.env,
    KAFKA_BROKERS,
    MONGO_URL,
    NAMESPACE: namespace,
    OCPI_PORT: String(PORT),
    OCPI_HOST: '127.0.0.1',
    ADMIN_TOKEN: ADMIN,
    LOG_LEVEL: 'warn',
    LOCATIONS_SEED: seedWith(200),
    NODE_ENV: 'production',
  };
  const pin = spawnSync('taskset', ['--version']).status === 0;
  const args = ['-r', '@swc-node/register', 'apps/ocpi-gateway/src/main.ts'];
  const child = pin
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { env, stdio: 'inherit' })
    : spawn(process.execPath, args, { env, stdio: 'inherit' });
  const base = `http://127.0.0.1:${PORT}`;
  const kafka = createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'ocpi-bench' });
  const seen = new Map<string, number>();
  const consumer = new EventConsumer(kafka, {
    groupId: `bench-${namespace}`,
    namespace,
    events: [EVENTS.StartSessionRequested],
    handle: async ({ event }: { event: EventEnvelope }) => {
      if (event.authorizationReference) seen.set(event.authorizationReference, performance.now());
    },
  });
  const ptp = new PtpSimulator({ countryCode: 'DE', partyId: 'BEN' });
  try {
    await waitFor(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200, {
      timeoutMs: 90_000,
      description: 'gateway ready',
    });
    const publisher = new EventPublisher(kafka, { namespace });
    await publisher.start();
    await publisher.publish(
      createEvent(
        EVENTS.TariffChanged,
        {
          tariffId: 'BENCH',
          countryCode: 'NL',
          partyId: 'TPC',
          ocpiVersion: '2.3.0',
          tariff: {
            country_code: 'NL',
            party_id: 'TPC',
            id: 'BENCH',
            currency: 'EUR',
            type: 'AD_HOC_PAYMENT',
            elements: [{ price_components: [{ type: 'ENERGY', price: 0.4, vat: 21, step_size: 1 }] }],
            tax_included: 'NO',
            last_updated: '2026-01-01T00:00:00Z',
          },
          appliesTo: ['01', '02', '03', '04', '05', '06'].map((n) => `LOC-001/LOC-001-EVSE-${n}/1`),
          lastUpdated: '2026-01-01T00:00:00Z',
        },
        { producer: 'bench' },
      ),
    );
    await publisher.stop();
    await consumer.start();
    await ptp.start();
    const tokenA = (
      (await (
        await fetch(`${base}/admin/peers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { data: { token_a: string } }
    ).data.token_a;
    await ptp.register(`${base}/ocpi/versions`, tokenA);
    await waitFor(
      async () =>
        (await ptp.call('GET', `${base}/ocpi/2.3.0/locations/LOC-001/LOC-001-EVSE-01/1`)).body?.data !==
          undefined &&
        ((await ptp.call('GET', `${base}/ocpi/2.3.0/tariffs`)).body?.data as unknown[]).length > 0,
      { timeoutMs: 60_000, description: 'tariff applied' },
    );

    const health = await loadLocations(`${base}/health`, ptp.cpoToken!);
    process.stdout.write(`baseline GET /health (no auth, no OCPI work): ${Math.round(health.rps)} req/s\n`);
    const url = `${base}/ocpi/2.3.0/locations?offset=1&limit=${PAGE}`;
    await loadLocations(url, ptp.cpoToken!); // warm-up (JIT, caches)
    const r = await loadLocations(url, ptp.cpoToken!);
    process.stdout.write(
      `GET /locations (page of ${PAGE}, ${EVSES_PER_LOCATION} EVSEs each, ${(r.bytes / Math.max(1, r.rps * SECONDS) / 1024).toFixed(1)} KiB/response): ${Math.round(r.rps)} req/s on ${pin ? 'one pinned core' : 'an unpinned process'}, ${CONNECTIONS} connections, ${SECONDS}s, errors ${r.errors}\n`,
    );

    const latencies: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const ref = `bench-${i}-${Date.now()}`;
      const t0 = performance.now();
      const { response } = await ptp.startSession(
        { locationId: 'LOC-001', evseUid: `LOC-001-EVSE-0${(i % 6) + 1}`, connectorId: '1' },
        ref,
      );
      if (response.result !== 'ACCEPTED') throw new Error(`START_SESSION ${response.result}`);
      const at = await waitFor(() => seen.get(ref), {
        timeoutMs: 10_000,
        intervalMs: 1,
        description: `StartSessionRequested ${ref}`,
      });
      latencies.push(at - t0);
    }
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `START_SESSION -> StartSessionRequested on Kafka (${STARTS} sessions): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms\n`,
    );
  } finally {
    await ptp.stop();
    await consumer.stop().catch(() => undefined);
    child.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
