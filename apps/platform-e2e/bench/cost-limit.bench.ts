// npm run bench:cost-limit — card sessions through real Kafka + FerretDB, the OCPP gateway and the session
// engine, with simulated chargers (libs/station-simulator) on an accelerated clock (same code path).
// The gateway and the chargers run in processes of their own (gateway-worker.ts, charger-worker.ts), the
// session engine in this one. Prints overshoot (final cost above the limit), money left unused,
// MeterValues -> RemoteStop latency and sessions/s. Env: SESSIONS (1000), CONCURRENCY (chargers, 100),
// SPEED (clock factor, 10), SEED (1), CHARGER_PROCESSES (2), DIAG=1 (print every overshooting session).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent, EVENTS, type PayloadOf } from '@tapcharge/contracts';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { parseTariff, priceSession } from '@tapcharge/tariff-engine';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import Decimal from 'decimal.js';
import pino from 'pino';
import { acceleratedClock } from '../../session-engine/src/application/ports';
import { startSessionEngine } from '../../session-engine/src/adapters/engine.app';
import { EngineEnv } from '../../session-engine/src/config';
import {
  BenchChild,
  type FromChargers,
  type FromGateway,
  type StationPlan,
  type ToChargers,
  type ToGateway,
} from './bench-ipc';

const SESSIONS = Number(process.env['SESSIONS'] ?? 1000);
const CONCURRENCY = Number(process.env['CONCURRENCY'] ?? 100);
const SPEED = Number(process.env['SPEED'] ?? 10);
const CHARGER_PROCESSES = Math.max(1, Number(process.env['CHARGER_PROCESSES'] ?? 2));
const PASSWORD = 'bench-password-000001';
let seed = Number(process.env['SEED'] ?? 1);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const DEMO = join(REPO_ROOT, 'libs/tariff-engine/test/vectors/demo');
const TARIFFS = [
  'simple-per-kwh.tariff.json',
  'kwh-time-parking-time-of-day.tariff.json',
  'flat-step-size.tariff.json',
  'preauthorized-max-price.v230.tariff.json',
].map((f) => JSON.parse(readFileSync(join(DEMO, f), 'utf8')) as Record<string, unknown>);
const POWERS_KW = [3.7, 7.4, 11, 22, 50, 150, 350];
const INTERVALS_S = [10, 15, 30, 60];
const LATENCIES_S = [0, 1, 2, 3, 5];

/** One card session: which station, which tariff, which limit. */
interface Plan extends StationPlan {
  sessionId: string;
  tariff: Record<string, unknown>;
  limit: string;
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function main(): Promise<void> {
  const namespace = uniqueNamespace('costlimit');
  // ENGINE_LOG=debug (or info) writes the engine's log to .local/bench/engine-<namespace>.log.
  const engineLogLevel = process.env['ENGINE_LOG'];
  const logger = createLogger({ service: 'bench', level: 'error' });
  const engineLogger = engineLogLevel
    ? createLogger({
        service: 'session-engine',
        level: engineLogLevel,
        destination: pino.destination({
          dest: join(REPO_ROOT, '.local', 'bench', `engine-${namespace}.log`),
          mkdir: true,
          sync: false,
        }),
      })
    : logger;
  const env = { ...infraEnv(), NAMESPACE: namespace, LOG_LEVEL: 'error' };
  const latencies: number[] = [];
  const timerLatencies: number[] = [];
  const decisionLatencies: number[] = [];
  // One timeline for the engine and every simulated charger: both run SPEED times faster from the same origin.
  const originMs = Date.now();
  const clock = acceleratedClock(SPEED, new Date(originMs));
  const engine = await startSessionEngine(
    EngineEnv.parse({
      ...env,
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      CLOCK_SPEED: String(SPEED),
      CARD_METER_INTERVAL_S: '0',
      START_TIMEOUT_S: '7200',
      DEFAULT_STOP_LATENCY_S: '5',
      STOP_RETRY_S: '60',
    }),
    engineLogger,
    {
      clock,
      metricsTap: {
        sessionState: () => undefined,
        costLimitStop: () => undefined,
        meterToStopLatency: (ms) => void latencies.push(ms),
        // Engine-clock ms; in wall ms that is / SPEED.
        timerToStopLatency: (ms) => void timerLatencies.push(ms / SPEED),
        meterDecisionLatency: (ms) => void decisionLatencies.push(ms),
        batch: () => undefined,
      },
    },
  );
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'bench-cost-limit' });
  const publisher = new EventPublisher(kafka, { namespace });
  await publisher.start();
  const recorder = new EventRecorder(
    kafkaBrokers(),
    [EVENTS.SessionCompleted, EVENTS.CommandResultReady, EVENTS.MaxPriceReached],
    namespace,
  );
  await recorder.start();

  // The fleet: CONCURRENCY chargers, each with a power, interval, stop latency and protocol of its own.
  const fleet: StationPlan[] = Array.from({ length: Math.min(CONCURRENCY, SESSIONS) }, (_, i) => ({
    stationId: `BENCH-${String(i).padStart(5, '0')}`,
    protocol: i % 2 ? 'ocpp2.0.1' : 'ocpp1.6',
    powerKw: POWERS_KW[i % POWERS_KW.length]!,
    intervalS: pick(INTERVALS_S),
    latencyS: pick(LATENCIES_S),
  }));
  // Each limit is what T = 5-25 simulated minutes at the charger's power cost under the session's tariff
  // (from now on the bench's timeline), so every power and tariff reaches its limit in about T minutes; kept
  // below a tariff's own max_price, which would otherwise cap the cost under the limit.
  const limitFor = (powerKw: number, tariff: Record<string, unknown>): string => {
    const minutes = 5 + rnd() * 20;
    const from = clock.now().getTime();
    const priced = priceSession(parseTariff(tariff), {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [0, 1].map((f) => ({
        timestamp: new Date(from + f * minutes * 60_000).toISOString(),
        energyWh: (f * powerKw * 1000 * minutes) / 60,
      })),
    });
    let limit = new Decimal(priced.total.inclVat);
    const cap = (tariff['max_price'] as { after_taxes?: number } | undefined)?.after_taxes;
    if (cap !== undefined) limit = Decimal.min(limit, new Decimal(cap).mul(0.95));
    return Decimal.max(limit, new Decimal('0.50')).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
  };
  const plans: Plan[] = Array.from({ length: SESSIONS }, (_, i) => {
    const station = fleet[i % fleet.length]!;
    const tariff = pick(TARIFFS);
    return { ...station, sessionId: `bench-${i}`, tariff, limit: limitFor(station.powerKw, tariff) };
  });

  console.log(
    `cost-limit bench: ${SESSIONS} sessions on ${fleet.length} chargers (each runs its sessions one after ` +
      `another), clock x${SPEED}, namespace ${namespace}`,
  );
  const gateway = new BenchChild<ToGateway | { kind: 'stop' }, FromGateway>(
    join(__dirname, 'gateway-worker.ts'),
    'bench-gateway',
  );
  const { ocppPort } = await gateway.request(
    { kind: 'start', env, stations: fleet.map((st) => st.stationId), password: PASSWORD },
    (m): m is Extract<FromGateway, { kind: 'started' }> => m.kind === 'started',
  );
  // The fleet in CHARGER_PROCESSES processes; each charger belongs to one of them.
  const chargers = Array.from(
    { length: Math.min(CHARGER_PROCESSES, fleet.length) },
    (_, i) =>
      new BenchChild<ToChargers, FromChargers>(join(__dirname, 'charger-worker.ts'), `bench-chargers-${i}`),
  );
  const processOf = new Map(fleet.map((st, i) => [st.stationId, chargers[i % chargers.length]!]));
  const connected = await Promise.all(
    chargers.map((c, i) =>
      c.request(
        {
          kind: 'connect',
          url: `ws://127.0.0.1:${ocppPort}/ocpp`,
          password: PASSWORD,
          stations: fleet.filter((_, j) => j % chargers.length === i),
          speed: SPEED,
          originMs,
          // A safety net: every limit is sized to be reached in 5-25 simulated minutes.
          evEndsAfterMin: 60,
        },
        (m): m is Extract<FromChargers, { kind: 'connected' }> => m.kind === 'connected',
      ),
    ),
  );
  const notConnected = connected.reduce((n, c) => n + c.failed, 0);
  if (notConnected)
    throw new Error(
      `${notConnected} stations failed to connect: ${connected.find((c) => c.firstError)?.firstError}`,
    );
  let unplugs = 0;
  const unplug = async (stationId: string) => {
    const id = ++unplugs;
    const answer = await processOf
      .get(stationId)!
      .request(
        { kind: 'unplug', id, stationId },
        (m): m is Extract<FromChargers, { kind: 'unplugged' }> => m.kind === 'unplugged' && m.id === id,
      );
    if (answer.error) throw new Error(`unplug ${stationId}: ${answer.error}`);
  };

  const started = Date.now();
  const completed = new Map<string, PayloadOf<typeof EVENTS.SessionCompleted>>();
  const failedStarts = new Map<string, string>();
  const seen = { completed: 0, results: 0 };
  const collect = () => {
    const done = recorder.events('SessionCompleted');
    for (; seen.completed < done.length; seen.completed++) {
      const p = done[seen.completed]!.payload as PayloadOf<typeof EVENTS.SessionCompleted>;
      completed.set(p.sessionId, p);
    }
    const results = recorder.events('CommandResultReady');
    for (; seen.results < results.length; seen.results++) {
      const r = results[seen.results]!.payload as { sessionId: string; command: string; result: string };
      if (r.command === 'START_SESSION' && r.result !== 'ACCEPTED') failedStarts.set(r.sessionId, r.result);
    }
  };
  const progress = setInterval(() => {
    process.stdout.write(
      `  ${completed.size}/${SESSIONS} sessions completed (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  }, 30_000);

  const runOne = async (p: Plan) => {
    await publisher.publish([
      createEvent(
        EVENTS.StartSessionRequested,
        {
          sessionId: p.sessionId,
          authorizationReference: `bench-ref-${p.sessionId}`,
          ptp: { countryCode: 'DE', partyId: 'PTP' },
          ocpiVersion: '2.3.0',
          connector: {
            locationId: 'BENCH',
            evseUid: `${p.stationId}-1`,
            connectorId: '1',
            stationId: p.stationId,
            ocppEvseId: 1,
            ocppConnectorId: 1,
          },
          token: {
            country_code: 'DE',
            party_id: 'PTP',
            uid: p.sessionId,
            type: 'AD_HOC_USER',
            contract_id: p.sessionId,
          },
          responseUrl: 'http://127.0.0.1:9/unused',
          tariff: p.tariff,
          timeZone: 'Europe/Amsterdam',
          limitInclVat: { amount: p.limit, currency: 'EUR' },
          requestedAt: new Date().toISOString(),
        },
        { producer: 'bench', authorizationReference: `bench-ref-${p.sessionId}` },
      ),
    ]);
    await waitFor(
      () => {
        collect();
        return completed.has(p.sessionId) || failedStarts.has(p.sessionId);
      },
      { timeoutMs: 20 * 60_000, intervalMs: 250, description: `session ${p.sessionId} to end` },
    );
    // The driver unplugs; the next driver plugs in (a fresh start from Available).
    await unplug(p.stationId);
  };
  await Promise.all(
    fleet.map(async (st) => {
      for (const p of plans.filter((x) => x.stationId === st.stationId)) await runOne(p);
    }),
  );
  clearInterval(progress);
  await Promise.all(chargers.map((c) => c.stop({ kind: 'stop' })));
  const wallS = (Date.now() - started) / 1000;

  let overshoots = 0;
  let maxOvershoot = new Decimal(0);
  const unused: number[] = [];
  const byReason: Record<string, number> = {};
  for (const p of plans) {
    const s = completed.get(p.sessionId);
    if (!s) continue; // the start failed (counted below)
    byReason[s.stopReason ?? 'none'] = (byReason[s.stopReason ?? 'none'] ?? 0) + 1;
    const priced = priceSession(parseTariff(p.tariff), {
      timeZone: 'Europe/Amsterdam',
      meterSamples: s.samples
        .filter((x) => x.energyWh !== undefined)
        .map((x) => ({ timestamp: x.timestamp, energyWh: x.energyWh ?? 0 })),
    });
    const final = new Decimal(priced.total.inclVat);
    const over = final.sub(p.limit);
    if (over.gt(0)) {
      if (process.env['DIAG']) {
        const mpr = recorder
          .events('MaxPriceReached')
          .find((e) => (e.payload as { sessionId: string }).sessionId === p.sessionId);
        console.log(
          'OVERSHOOT',
          JSON.stringify({
            plan: { ...p, tariff: p.tariff['id'] },
            final: final.toFixed(4),
            engineCost: s.cost.inclVat,
            mpr: mpr?.payload,
            tail: s.samples.slice(-4),
          }),
        );
      }
      overshoots++;
      if (over.gt(maxOvershoot)) maxOvershoot = over;
    }
    if (s.stopReason === 'MAX_PRICE') unused.push(new Decimal(p.limit).sub(final).toNumber());
  }
  unused.sort((a, b) => a - b);
  const summary = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return xs.length
      ? `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${xs[xs.length - 1]!.toFixed(1)} ms (${xs.length})`
      : 'none';
  };
  const mean = unused.reduce((a, b) => a + b, 0) / Math.max(1, unused.length);
  const byTrigger = recorder.events('MaxPriceReached').reduce<Record<string, number>>((acc, e) => {
    const t = (e.payload as { trigger: string }).trigger;
    acc[t] = (acc[t] ?? 0) + 1;
    return acc;
  }, {});
  console.log(`results (${SESSIONS} sessions, ${wallS.toFixed(0)} s wall):`);
  console.log(
    `  stop reasons:               ${JSON.stringify(byReason)}; limit stops decided by ${JSON.stringify(byTrigger)}; failed starts: ${failedStarts.size}`,
  );
  console.log(
    `  overshoot:                  ${overshoots} sessions above the limit, max ${maxOvershoot.toFixed(4)} EUR`,
  );
  console.log(
    `  money left unused (limit stops): mean ${mean.toFixed(4)} EUR, p95 ${pct(unused, 95).toFixed(4)} EUR`,
  );
  console.log(
    `  MeterValues -> decision:    ${summary(decisionLatencies)} (every sample: stop sent or timer armed)`,
  );
  console.log(`  MeterValues -> RemoteStop:  ${summary(latencies)} (stops a sample decided)`);
  console.log(`  timer due -> RemoteStop:    ${summary(timerLatencies)} (stops the timer decided, wall ms)`);
  console.log(`  sessions/s:                 ${(SESSIONS / wallS).toFixed(2)} (clock x${SPEED})`);

  await recorder.stop();
  await publisher.stop();
  await engine.close();
  await gateway.stop({ kind: 'stop' });
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
