import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent, EVENTS, type EventDefinition, type PayloadOf } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { EngineEnv } from '../../config';
import { startSessionEngine, type RunningEngine } from '../engine.app';

const TOKEN = 'admin-sessions-it-token-0123';
const tariff = JSON.parse(
  readFileSync(join(REPO_ROOT, 'libs/tariff-engine/test/vectors/demo/simple-per-kwh.tariff.json'), 'utf8'),
) as Record<string, unknown>;

/**
 * The operator API of the session engine over HTTP, against real Kafka and FerretDB: list and show read the
 * engine's store, the soft stop travels as StopSessionRequested (OPERATOR) and ends in a RemoteStop.
 */
describe('session engine admin API (/admin/sessions)', () => {
  const namespace = uniqueNamespace('engine-admin');
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'engine-admin-it' });
  const publisher = new EventPublisher(kafka, { namespace });
  const recorder = new EventRecorder(
    kafkaBrokers(),
    [EVENTS.StationCommandRequested, EVENTS.StopSessionRequested, EVENTS.SessionCompleted],
    namespace,
  );
  let engine: RunningEngine | undefined;
  let baseUrl = '';

  const send = <D extends EventDefinition>(def: D, payload: PayloadOf<D>) =>
    publisher.publish(createEvent(def, payload, { producer: 'test' }));
  const api = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
    fetch(`${baseUrl}/admin/sessions${path}`, {
      ...init,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const stopCommands = (sessionId: string) =>
    recorder
      .events('StationCommandRequested')
      .filter(
        (e) =>
          (e.payload as { sessionId?: string }).sessionId === sessionId &&
          (e.payload as { command: { kind: string } }).command.kind === 'StopTransaction',
      );
  const stateOf = async (ref: string) => ((await (await api(`/${ref}`)).json()) as { state: string }).state;

  beforeAll(async () => {
    await publisher.start();
    engine = await startSessionEngine(
      EngineEnv.parse({
        ...infraEnv(),
        NAMESPACE: namespace,
        HEALTH_PORT: '0',
        HEALTH_HOST: '127.0.0.1',
        ADMIN_TOKEN: TOKEN,
      }),
      createLogger({ service: 'engine-admin-it', level: 'warn' }),
    );
    baseUrl = engine.url;
    await recorder.start(); // after the engine created the topics
  });

  afterAll(async () => {
    await engine?.close();
    await recorder.stop();
    await publisher.stop();
  });

  it('refuses requests without the admin token (401)', async () => {
    expect((await api('', {}, null)).status).toBe(401);
    expect((await api('', {}, 'wrong-token-wrong-token')).status).toBe(401);
    expect((await api('/unknown-ref/stop', { method: 'POST' }, null)).status).toBe(401);
  });

  it('answers 404 with a coded error for an unknown authorization_reference', async () => {
    for (const r of [await api('/no-such-ref'), await api('/no-such-ref/stop', { method: 'POST' })]) {
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({
        error: { code: 'SESSION.NOT_FOUND', message: 'no session with authorization_reference no-such-ref' },
      });
    }
  });

  it('lists and shows a running session, stops it as the operator, then refuses a second stop (409)', async () => {
    const sessionId = 'S-ADMIN-1';
    const ref = 'ref-admin-1';
    await send(EVENTS.StartSessionRequested, {
      ...SAMPLE_PAYLOADS.StartSessionRequested,
      sessionId,
      authorizationReference: ref,
      tariff,
      limitInclVat: { amount: '20.00', currency: 'EUR' },
      requestedAt: new Date().toISOString(),
    });
    await recorder.waitFor(
      (e) =>
        e.type === 'StationCommandRequested' && (e.payload as { sessionId?: string }).sessionId === sessionId,
      30_000,
      'the RemoteStart',
    );
    await send(EVENTS.StationCommandCompleted, {
      commandId: `${sessionId}:start`,
      sessionId,
      stationId: 'CS-001',
      kind: 'StartTransaction',
      status: 'ACCEPTED',
      completedAt: new Date().toISOString(),
    });
    const startedAt = new Date();
    await send(EVENTS.TransactionStarted, {
      ...SAMPLE_PAYLOADS.TransactionStarted,
      sessionId,
      transactionId: `tx-${sessionId}`,
      meterStartWh: 0,
      startedAt: startedAt.toISOString(),
      samples: [],
    });
    await waitFor(async () => (await stateOf(ref)) === 'ACTIVE', {
      timeoutMs: 30_000,
      intervalMs: 200,
      description: `${ref} ACTIVE in the store`,
    });

    const active = (await (await api('?active=true')).json()) as {
      sessions: Array<{ authorizationReference: string; state: string; stationId: string }>;
    };
    expect(active.sessions.find((s) => s.authorizationReference === ref)).toMatchObject({
      state: 'ACTIVE',
      stationId: SAMPLE_PAYLOADS.StartSessionRequested.connector.stationId,
    });

    const detail = (await (await api(`/${ref}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({
      sessionId,
      authorizationReference: ref,
      state: 'ACTIVE',
      ocpiStatus: 'ACTIVE',
      limitInclVat: { amount: '20.00', currency: 'EUR' },
      transactionId: `tx-${sessionId}`,
    });

    const stop = await api(`/${ref}/stop`, { method: 'POST' });
    expect(stop.status).toBe(202);
    const accepted = (await stop.json()) as { requestId: string; state: string };
    expect(accepted.state).toBe('ACTIVE');
    const request = await recorder.waitFor(
      (e) =>
        e.type === 'StopSessionRequested' && (e.payload as { sessionId: string }).sessionId === sessionId,
      30_000,
      'the operator StopSessionRequested',
    );
    expect(request.payload).toMatchObject({ requestedBy: 'OPERATOR', requestId: accepted.requestId });
    expect(request.authorizationReference).toBe(ref);
    await waitFor(() => stopCommands(sessionId).length === 1, {
      timeoutMs: 30_000,
      description: 'the RemoteStop the operator stop causes',
    });
    await waitFor(async () => (await stateOf(ref)) === 'STOPPING', {
      timeoutMs: 30_000,
      intervalMs: 200,
      description: `${ref} STOPPING`,
    });

    await send(EVENTS.TransactionStopped, {
      ...SAMPLE_PAYLOADS.TransactionStopped,
      sessionId,
      transactionId: `tx-${sessionId}`,
      meterStopWh: 1_000,
      stoppedAt: new Date(startedAt.getTime() + 60_000).toISOString(),
      reason: 'Remote',
      samples: [],
    });
    const completed = await recorder.waitFor(
      (e) => e.type === 'SessionCompleted' && (e.payload as { sessionId: string }).sessionId === sessionId,
      30_000,
      'SessionCompleted',
    );
    expect(completed.payload).toMatchObject({ stopReason: 'OPERATOR' });
    await waitFor(async () => (await stateOf(ref)) === 'COMPLETED', {
      timeoutMs: 30_000,
      intervalMs: 200,
      description: `${ref} COMPLETED`,
    });
    const shown = (await (await api(`/${ref}`)).json()) as {
      stopReason: string;
      commands: { stop: { reason: string; attempts: number } };
    };
    expect(shown.stopReason).toBe('OPERATOR');
    expect(shown.commands.stop).toMatchObject({ reason: 'OPERATOR', attempts: 1 });

    const again = await api(`/${ref}/stop`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('SESSION.ALREADY_ENDED');
    const notActive = (await (await api('?active=true')).json()) as {
      sessions: Array<{ authorizationReference: string }>;
    };
    expect(notActive.sessions.map((s) => s.authorizationReference)).not.toContain(ref);
  }, 120_000);
});
