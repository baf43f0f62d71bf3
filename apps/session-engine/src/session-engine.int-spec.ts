import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEvent,
  EVENTS,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
} from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import Decimal from 'decimal.js';
import { startSessionEngine, type RunningEngine } from './adapters/engine.app';
import { EngineEnv } from './config';

const tariff = JSON.parse(
  readFileSync(join(REPO_ROOT, 'libs/tariff-engine/test/vectors/demo/simple-per-kwh.tariff.json'), 'utf8'),
) as Record<string, unknown>;

describe('session engine against real Kafka and FerretDB', () => {
  const namespace = uniqueNamespace('engine');
  const logger = createLogger({
    service: 'session-engine-it',
    level: (process.env['IT_LOG_LEVEL'] as 'info' | undefined) ?? 'warn',
  });
  const config = (overrides: Record<string, string> = {}) =>
    EngineEnv.parse({
      ...infraEnv(),
      NAMESPACE: namespace,
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...overrides,
    });
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'engine-it' });
  const publisher = new EventPublisher(kafka, { namespace });
  const recorder = new EventRecorder(
    kafkaBrokers(),
    [
      EVENTS.StationCommandRequested,
      EVENTS.SessionStarted,
      EVENTS.SessionUpdated,
      EVENTS.MaxPriceReached,
      EVENTS.SessionCompleted,
      EVENTS.CommandResultReady,
    ],
    namespace,
  );
  let engine: RunningEngine | undefined;

  const send = <D extends EventDefinition>(def: D, payload: PayloadOf<D>) =>
    publisher.publish(
      createEvent(def, payload, {
        producer: 'test',
        authorizationReference: (payload as { authorizationReference?: string }).authorizationReference,
      }),
    );
  const of = (type: string, sessionId: string) =>
    recorder.events(type).filter((e) => (e.payload as { sessionId?: string }).sessionId === sessionId);
  const commands = (sessionId: string, kind: string) =>
    of('StationCommandRequested', sessionId).filter(
      (e) => (e.payload as { command: { kind: string } }).command.kind === kind,
    );

  async function startSession(sessionId: string, limit: string) {
    await send(EVENTS.StartSessionRequested, {
      ...SAMPLE_PAYLOADS.StartSessionRequested,
      sessionId,
      authorizationReference: `ref-${sessionId}`,
      tariff,
      limitInclVat: { amount: limit, currency: 'EUR' },
      requestedAt: new Date().toISOString(),
    });
    await recorder.waitFor(
      (e) =>
        e.type === 'StationCommandRequested' && (e.payload as { sessionId?: string }).sessionId === sessionId,
      30_000,
      `start command of ${sessionId}`,
    );
    await send(EVENTS.StationCommandCompleted, {
      commandId: `${sessionId}:start`,
      sessionId,
      stationId: 'CS-001',
      kind: 'StartTransaction',
      status: 'ACCEPTED',
      completedAt: new Date().toISOString(),
    });
  }

  const meter = (sessionId: string, t: Date, wh: number, powerW: number) =>
    send(EVENTS.MeterValuesReceived, {
      sessionId,
      stationId: 'CS-001',
      transactionId: `tx-${sessionId}`,
      ocppEvseId: 1,
      ocppConnectorId: 1,
      samples: [{ timestamp: t.toISOString(), energyWh: wh, powerW, context: 'Sample.Periodic' }],
      receivedAt: new Date().toISOString(),
    });

  beforeAll(async () => {
    await publisher.start();
    engine = await startSessionEngine(config(), logger);
    await recorder.start();
  });

  afterAll(async () => {
    await engine?.close();
    await recorder.stop();
    await publisher.stop();
  });

  it('serves /health and /ready against the real dependencies', async () => {
    expect((await fetch(`${engine!.url}/health`)).status).toBe(200);
    const ready = await fetch(`${engine!.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: true, kafka: true } });
    const metrics = await (await fetch(`${engine!.url}/metrics`)).text();
    for (const name of [
      'sessions_in_memory',
      'cost_limit_stops_total',
      'meter_values_to_remote_stop_seconds',
      'kafka_consumer_lag',
    ]) {
      expect(metrics).toContain(name);
    }
  });

  it('stops at the paid limit, survives an engine restart mid-session, and completes exactly once', async () => {
    const id = 'S-LIMIT-1';
    await startSession(id, '5.00');
    const t0 = new Date(Date.now() - 3_600_000); // charger clock one hour back: the samples carry their own times
    await send(EVENTS.TransactionStarted, {
      ...SAMPLE_PAYLOADS.TransactionStarted,
      sessionId: id,
      transactionId: `tx-${id}`,
      meterStartWh: 0,
      startedAt: t0.toISOString(),
      samples: [],
    });
    await recorder.waitFor(
      (e) => e.type === 'SessionStarted' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'SessionStarted',
    );
    const accepted = await recorder.waitFor(
      (e) => e.type === 'CommandResultReady' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'CommandResult after the transaction started',
    );
    expect(accepted.payload).toMatchObject({ command: 'START_SESSION', result: 'ACCEPTED' });

    // 22 kW for 10 minutes: 3.67 kWh of the 8.47 kWh the 5.00 EUR buy at 0.59 EUR/kWh incl. VAT.
    for (let m = 1; m <= 10; m++)
      await meter(id, new Date(t0.getTime() + m * 60_000), (22_000 * m) / 60, 22_000);
    await recorder.waitFor(
      (e) =>
        e.type === 'SessionUpdated' &&
        (e.payload as { sessionId: string; energyWh: number }).sessionId === id &&
        (e.payload as { energyWh: number }).energyWh >= 3600,
      30_000,
      'progress',
    );
    expect(commands(id, 'StopTransaction')).toHaveLength(0);

    // Restart: the new engine loads the session from the store and continues the same cost-limit loop.
    await engine!.close();
    engine = await startSessionEngine(config(), logger);
    // A charger that behaves: a sample every (charger) minute until the RemoteStop arrives, stopping 5 s later.
    let m = 11;
    for (; m <= 40 && commands(id, 'StopTransaction').length === 0; m++) {
      await meter(id, new Date(t0.getTime() + m * 60_000), (22_000 * m) / 60, 22_000);
      await new Promise((r) => setTimeout(r, 200));
    }
    const reached = await recorder.waitFor(
      (e) => e.type === 'MaxPriceReached' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'MaxPriceReached',
    );
    expect(
      new Decimal((reached.payload as { costInclVat: { amount: string } }).costInclVat.amount).lte('5.00'),
    ).toBe(true);
    await waitFor(() => commands(id, 'StopTransaction').length === 1, {
      timeoutMs: 30_000,
      description: 'one RemoteStop',
    });

    const stoppedAtMs = t0.getTime() + (m - 1) * 60_000 + 5_000;
    const stop = {
      ...SAMPLE_PAYLOADS.TransactionStopped,
      sessionId: id,
      transactionId: `tx-${id}`,
      meterStopWh: Math.floor((22_000 * (stoppedAtMs - t0.getTime())) / 3_600_000),
      stoppedAt: new Date(stoppedAtMs).toISOString(),
      reason: 'Remote',
      samples: [],
    };
    await send(EVENTS.TransactionStopped, stop);
    const done = await recorder.waitFor(
      (e) => e.type === 'SessionCompleted' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'SessionCompleted',
    );
    const payload = done.payload as PayloadOf<typeof EVENTS.SessionCompleted>;
    expect(payload.stopReason).toBe('MAX_PRICE');
    expect(new Decimal(payload.cost.inclVat).lte('5.00')).toBe(true);
    expect(payload.samples.length).toBeGreaterThan(12);

    // Redelivered and duplicate events change nothing: still one completion, one stop.
    await send(EVENTS.TransactionStopped, stop);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(new Set(of('SessionCompleted', id).map((e: EventEnvelope) => e.eventId)).size).toBe(1);
    expect(new Set(commands(id, 'StopTransaction').map((e) => e.eventId)).size).toBe(1);
  }, 120_000);

  it('a cost-limit timer stops the session between samples (its cause id is a valid, derived event id)', async () => {
    const id = 'S-TIMER-1';
    await startSession(id, '5.00');
    const t0 = new Date();
    await send(EVENTS.TransactionStarted, {
      ...SAMPLE_PAYLOADS.TransactionStarted,
      sessionId: id,
      transactionId: `tx-${id}`,
      meterStartWh: 0,
      startedAt: t0.toISOString(),
      samples: [],
    });
    // 8.30 of the 8.47 kWh bought, at 50 kW: the crossing is ~10 s away, so a timer fires before the next sample.
    await meter(id, new Date(), 8_300, 50_000);
    const reached = await recorder.waitFor(
      (e) => e.type === 'MaxPriceReached' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'MaxPriceReached by the timer',
    );
    expect(reached.payload).toMatchObject({ trigger: 'TIMER' });
    expect(reached.causationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => commands(id, 'StopTransaction').length === 1, {
      timeoutMs: 30_000,
      description: 'RemoteStop',
    });
  }, 60_000);

  it('driver stop via the terminal: RemoteStop, then the CommandResult after the charger stopped', async () => {
    const id = 'S-DRIVER-1';
    await startSession(id, '50.00');
    const t0 = new Date();
    await send(EVENTS.TransactionStarted, {
      ...SAMPLE_PAYLOADS.TransactionStarted,
      sessionId: id,
      transactionId: `tx-${id}`,
      meterStartWh: 100,
      startedAt: t0.toISOString(),
      samples: [],
    });
    await meter(id, new Date(t0.getTime() + 60_000), 400, 11_000);
    await send(EVENTS.StopSessionRequested, {
      sessionId: id,
      requestedBy: 'PTP',
      responseUrl: 'https://ptp.example.com/stop/1',
      requestId: 'stop-1',
      requestedAt: new Date().toISOString(),
    });
    await waitFor(() => commands(id, 'StopTransaction').length === 1, {
      timeoutMs: 30_000,
      description: 'RemoteStop',
    });
    await send(EVENTS.TransactionStopped, {
      ...SAMPLE_PAYLOADS.TransactionStopped,
      sessionId: id,
      transactionId: `tx-${id}`,
      meterStopWh: 450,
      stoppedAt: new Date(t0.getTime() + 70_000).toISOString(),
      reason: 'Remote',
      samples: [],
    });
    const result = await recorder.waitFor(
      (e) =>
        e.type === 'CommandResultReady' &&
        (e.payload as { sessionId: string; command: string }).sessionId === id &&
        (e.payload as { command: string }).command === 'STOP_SESSION',
      30_000,
      'STOP_SESSION result',
    );
    expect(result.payload).toMatchObject({
      result: 'ACCEPTED',
      responseUrl: 'https://ptp.example.com/stop/1',
    });
    const done = await recorder.waitFor(
      (e) => e.type === 'SessionCompleted' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'completion',
    );
    expect(done.payload).toMatchObject({ stopReason: 'DRIVER', energyWh: 350 });
  }, 60_000);

  it('start timeout: no transaction in time -> CommandResult TIMEOUT and the session is invalid', async () => {
    await engine!.close();
    engine = await startSessionEngine(config({ START_TIMEOUT_S: '2' }), logger);
    const id = 'S-TIMEOUT-1';
    await send(EVENTS.StartSessionRequested, {
      ...SAMPLE_PAYLOADS.StartSessionRequested,
      sessionId: id,
      authorizationReference: `ref-${id}`,
      tariff,
      requestedAt: new Date().toISOString(),
    });
    const result = await recorder.waitFor(
      (e) => e.type === 'CommandResultReady' && (e.payload as { sessionId: string }).sessionId === id,
      30_000,
      'TIMEOUT result',
    );
    expect(result.payload).toMatchObject({ command: 'START_SESSION', result: 'TIMEOUT' });
    const update = await recorder.waitFor(
      (e) =>
        e.type === 'SessionUpdated' && (e.payload as { sessionId: string; state: string }).sessionId === id,
      10_000,
      'invalid session',
    );
    expect(update.payload).toMatchObject({ state: 'FAILED', ocpiStatus: 'INVALID' });
  }, 60_000);
});
