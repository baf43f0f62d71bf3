/*
 * OCPI gateway bench (real Kafka + FerretDB):
 *  1. GET /locations?limit=50 requests/s against a gateway process pinned to one core (taskset -c 0 when
 *     available); the load generator runs in this process on the other cores. Besides wall-clock req/s it
 *     reports the gateway's own CPU time per request (from /proc), i.e. what one core sustains when the
 *     machine is shared: on a busy host the wall-clock figure says more about the neighbours than about us.
 *  2. START_SESSION -> StartSessionRequested-on-Kafka latency p50/p99.
 * Run: node -r @swc-node/register apps/ocpi-gateway/bench/ocpi.bench.ts  (env: BENCH_SECONDS, BENCH_CONNECTIONS,
 * BENCH_STARTS; BENCH_CPU_PROF=<dir> runs the gateway under `node --cpu-prof` and leaves the profile there)
 */
import { EVENTS, type EventEnvelope } from '@tapcharge/contracts';
import { createKafka, EventConsumer, EventPublisher } from '@tapcharge/kafka';
import { createEvent } from '@tapcharge/contracts';
import { encodeTokenHeader } from '@tapcharge/ocpi';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { infraEnv, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

/** CPU seconds (user + system) a process has used so far; undefined where /proc is not available. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // fields after the parenthesised command name; utime and stime are the 12th and 13th of them
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One keep-alive connection issuing GETs back to back over a raw socket: the generator only finds
 * `Content-Length` and skips the body, so on a small machine it is not the bottleneck it would be with
 * node:http parsing 60 KiB responses.
 */
function rawConnection(url: URL, headers: Record<string, string>, until: number) {
  const request = Buffer.from(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
      Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n',
  );
  return new Promise<{ ok: number; errors: number; bytes: number }>((resolve) => {
    const stats = { ok: 0, errors: 0, bytes: 0 };
    const socket = connect(Number(url.port), url.hostname);
    let head: Buffer = Buffer.alloc(0);
    let bodyLeft = -1;
    let status = 0;
    const next = () => {
      if (Date.now() >= until) socket.end();
      else socket.write(request);
    };
    socket.on('connect', next);
    socket.on('data', (chunk: Buffer) => {
      stats.bytes += chunk.length;
      let rest = chunk;
      while (rest.length > 0) {
        if (bodyLeft < 0) {
          head = head.length === 0 ? rest : Buffer.concat([head, rest]);
          const end = head.indexOf(HEADER_END);
          if (end < 0) return;
          const text = head.subarray(0, end).toString('latin1');
          status = Number(text.slice(9, 12));
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
          if (!length) {
            stats.errors++;
            socket.destroy();
            return;
          }
          bodyLeft = Number(length[1]);
          rest = head.subarray(end + HEADER_END.length);
          head = Buffer.alloc(0);
        }
        const take = Math.min(bodyLeft, rest.length);
        bodyLeft -= take;
        rest = rest.subarray(take);
        if (bodyLeft === 0) {
          if (status === 200) stats.ok++;
          else stats.errors++;
          bodyLeft = -1;
          next();
        }
      }
    });
    socket.on('error', () => stats.errors++);
    socket.on('close', () => resolve(stats));
  });
}

async function load(
  url: string,
  token: string,
  serverPid?: number,
): Promise<{ rps: number; errors: number; bytes: number; done: number; cpu: number | undefined }> {
  const headers = { authorization: encodeTokenHeader(token) };
  const t0 = Date.now();
  const cpu0 = cpuSeconds(serverPid);
  const results = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => rawConnection(new URL(url), headers, t0 + SECONDS * 1000)),
  );
  const cpu1 = cpuSeconds(serverPid);
  const elapsed = (Date.now() - t0) / 1000;
  const done = results.reduce((n, r) => n + r.ok, 0);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  const cpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
  return { rps: done / elapsed, errors, bytes, done, cpu };
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
  const profDir = process.env['BENCH_CPU_PROF'];
  const args = [
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    '-r',
    '@swc-node/register',
    'apps/ocpi-gateway/src/main.ts',
  ];
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

    const perCore = (r: { done: number; cpu: number | undefined }) =>
      r.cpu
        ? `, ${Math.round(r.done / r.cpu)} req per gateway CPU-second (${((r.cpu * 1e6) / r.done).toFixed(0)} µs/request)`
        : '';
    const health = await load(`${base}/health`, ptp.cpoToken!, child.pid);
    process.stdout.write(
      `baseline GET /health (no auth, no OCPI work): ${Math.round(health.rps)} req/s${perCore(health)}\n`,
    );
    const url = `${base}/ocpi/2.2.1/locations?offset=1&limit=${PAGE}`;
    await load(url, ptp.cpoToken!); // warm-up (JIT, caches)
    const r = await load(url, ptp.cpoToken!, child.pid);
    process.stdout.write(
      `GET /ocpi/2.2.1/locations (page of ${PAGE}, ${EVSES_PER_LOCATION} EVSEs each, ${(r.bytes / Math.max(1, r.done + r.errors) / 1024).toFixed(1)} KiB/response): ${Math.round(r.rps)} req/s on ${pin ? 'one pinned core' : 'an unpinned process'}${perCore(r)}, ${CONNECTIONS} connections, ${SECONDS}s, errors ${r.errors}\n`,
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
