// npm run bench:cost-limit — card sessions through real Kafka + FerretDB, the OCPP gateway and the session
// engine, with simulated chargers (libs/station-simulator) on an accelerated clock (same code path).
// Prints overshoot (final cost above the limit), money left unused, MeterValues -> RemoteStop latency and
// sessions/s. Env: SESSIONS (1000), CONCURRENCY (100), SPEED (clock factor, 20), SEED (1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent, EVENTS, type PayloadOf } from '@tapcharge/contracts';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import {
  createFleet,
  parsePowerCurve,
  SimClock,
  startAll,
  type SimulatedStation,
} from '@tapcharge/station-simulator';
import { parseTariff, priceSession } from '@tapcharge/tariff-engine';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import Decimal from 'decimal.js';
import { GatewayEnv } from '../../ocpp-gateway/src/config';
import { startGateway } from '../../ocpp-gateway/src/gateway';
import { acceleratedClock } from '../../session-engine/src/application/ports';
import { startSessionEngine } from '../../session-engine/src/adapters/engine.app';
import { EngineEnv } from '../../session-engine/src/config';

const SESSIONS = Number(process.env['SESSIONS'] ?? 1000);
const CONCURRENCY = Number(process.env['CONCURRENCY'] ?? 100);
const SPEED = Number(process.env['SPEED'] ?? 20);
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

interface Plan {
  stationId: string;
  sessionId: string;
  tariff: Record<string, unknown>;
  limit: string;
  powerKw: number;
  intervalS: number;
  latencyS: number;
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function main(): Promise<void> {
  const namespace = uniqueNamespace('costlimit');
  const logger = createLogger({ service: 'bench', level: 'error' });
  const env = { ...infraEnv(), NAMESPACE: namespace, LOG_LEVEL: 'error' };
  const gateway = await startGateway(
    GatewayEnv.parse({
      ...env,
      OCPP_PORT: '0',
      HTTP_PORT: '0',
      OCPP_HOST: '127.0.0.1',
      HTTP_HOST: '127.0.0.1',
    }),
    {
      logger,
      passwordHashLogN: 4,
    },
  );
  const latencies: number[] = [];
  // One timeline for the engine and every simulated charger: both run SPEED times faster from the same origin.
  const clock = acceleratedClock(SPEED);
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
    logger,
    {
      metricsTap: {
        sessionState: () => undefined,
        costLimitStop: () => undefined,
        meterToStopLatency: (ms) => void latencies.push(ms),
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

  // Limits sized so the limit is reached after 5-25 simulated minutes at the station's power (EUR ~0.6/kWh).
  const limitFor = (powerKw: number) =>
    Math.min(80, Math.max(2, ((powerKw * (5 + rnd() * 20)) / 60) * 0.6)).toFixed(2);
  const plans: Plan[] = Array.from({ length: SESSIONS }, (_, i) => ({
    stationId: `BENCH-${String(i % CONCURRENCY).padStart(5, '0')}`,
    sessionId: `bench-${i}`,
    tariff: pick(TARIFFS),
    powerKw: pick(POWERS_KW),
    intervalS: pick(INTERVALS_S),
    limit: '0',
    latencyS: pick(LATENCIES_S),
  }));
  for (const p of plans) p.limit = limitFor(p.powerKw);

  console.log(
    `cost-limit bench: ${SESSIONS} sessions, ${CONCURRENCY} at a time, clock x${SPEED}, namespace ${namespace}`,
  );
  const started = Date.now();
  const completed = new Map<string, PayloadOf<typeof EVENTS.SessionCompleted>>();
  const failedStarts = new Map<string, string>();
  for (let wave = 0; wave * CONCURRENCY < SESSIONS; wave++) {
    const batch = plans.slice(wave * CONCURRENCY, (wave + 1) * CONCURRENCY);
    const stations: SimulatedStation[] = [];
    for (const p of batch) {
      await gateway.admin.register({
        stationId: p.stationId,
        password: 'bench-password-000001',
        connectors: [
          {
            ocppEvseId: 1,
            ocppConnectorId: 1,
            locationId: 'BENCH',
            evseUid: `${p.stationId}-1`,
            connectorId: '1',
          },
        ],
      });
      stations.push(
        ...createFleet({
          url: `ws://127.0.0.1:${gateway.ocppPort}/ocpp`,
          count: 1,
          ids: [p.stationId],
          protocol: Number(p.sessionId.slice(6)) % 2 ? 'ocpp2.0.1' : 'ocpp1.6',
          password: 'bench-password-000001',
          meterIntervalSeconds: p.intervalS,
          powerCurve: parsePowerCurve(`constant:${p.powerKw}`),
          clock: new SimClock(SPEED, clock.now().getTime()),
          stopLatencyMs: Math.round((p.latencyS * 1000) / SPEED),
          acceptRemoteStart: true,
        }),
      );
    }
    const failed = await startAll(stations);
    if (failed.length)
      throw new Error(`${failed.length} stations failed to connect: ${failed[0]?.error.message}`);
    await publisher.publish(
      batch.map((p) =>
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
      ),
    );
    // Sessions whose tariff caps itself (max_price) never reach the limit: the car ends them after 45 min (sim).
    const evTimer = setInterval(() => {
      for (const s of stations) {
        const tx = s.transaction(1);
        if (tx && s.clock.nowMs() - Date.parse(tx.startedAt) > 45 * 60_000)
          void s.stopTransaction(1, 'EVDisconnected').catch(() => undefined);
      }
    }, 500);
    await waitFor(
      () => {
        for (const e of recorder.events('SessionCompleted')) {
          const p = e.payload as PayloadOf<typeof EVENTS.SessionCompleted>;
          completed.set(p.sessionId, p);
        }
        for (const e of recorder.events('CommandResultReady')) {
          const r = e.payload as { sessionId: string; command: string; result: string };
          if (r.command === 'START_SESSION' && r.result !== 'ACCEPTED')
            failedStarts.set(r.sessionId, r.result);
        }
        return batch.every((p) => completed.has(p.sessionId) || failedStarts.has(p.sessionId));
      },
      { timeoutMs: 20 * 60_000, intervalMs: 500, description: `wave ${wave} to complete` },
    );
    clearInterval(evTimer);
    await Promise.all(stations.map((s) => s.shutdown()));
    process.stdout.write(
      `  wave ${wave + 1}: ${completed.size}/${SESSIONS} sessions completed (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  }
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
  latencies.sort((a, b) => a - b);
  const mean = unused.reduce((a, b) => a + b, 0) / Math.max(1, unused.length);
  console.log(`results (${SESSIONS} sessions, ${wallS.toFixed(0)} s wall):`);
  console.log(
    `  stop reasons:               ${JSON.stringify(byReason)}; failed starts: ${failedStarts.size}`,
  );
  console.log(
    `  overshoot:                  ${overshoots} sessions above the limit, max ${maxOvershoot.toFixed(4)} EUR`,
  );
  console.log(
    `  money left unused (limit stops): mean ${mean.toFixed(4)} EUR, p95 ${pct(unused, 95).toFixed(4)} EUR`,
  );
  console.log(
    `  MeterValues -> RemoteStop: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms (${latencies.length} stops)`,
  );
  console.log(`  sessions/s:                 ${(SESSIONS / wallS).toFixed(2)} (clock x${SPEED})`);

  await recorder.stop();
  await publisher.stop();
  await engine.close();
  await gateway.stop();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
