import type {
  MeterValuesReceivedPayload,
  TransactionStartedPayload,
  TransactionStoppedPayload,
} from '@tapcharge/contracts';
import { SimulatedStation } from '@tapcharge/station-simulator';
import { waitFor } from '@tapcharge/testing';
import { eventsOf, PASSWORD, startHarness, type Harness } from './gateway-harness';

describe.each([
  ['ocpp1.6', 'IT-16-A'],
  ['ocpp2.0.1', 'IT-201-A'],
] as const)('a whole remote-started transaction over %s, events on Kafka in order', (protocol, stationId) => {
  let h: Harness;
  let station: SimulatedStation;

  beforeAll(async () => {
    h = await startHarness();
    await h.register(stationId, protocol);
    station = new SimulatedStation({
      id: stationId,
      protocol,
      url: h.url,
      password: PASSWORD,
      meterIntervalSeconds: 60,
      powerCurve: { kind: 'constant', kw: 22 },
      battery: { capacityKwh: 60, startSoc: 20 },
      stopLatencyMs: 300,
    });
    await station.start();
  });

  afterAll(async () => {
    await station?.shutdown();
    await h?.stop();
  });

  it('should start, meter and stop a session, keyed and correlated by sessionId', async () => {
    const sessionId = `S-${protocol}-1`;
    await h.recorder.waitFor(
      (e) => e.type === 'StationBooted' && (e.payload as { stationId: string }).stationId === stationId,
    );

    const interval = await h.command(
      stationId,
      { kind: 'SetMeterInterval', intervalSeconds: 1 },
      { sessionId },
    );
    const intervalDone = await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === interval.eventId,
    );
    expect(intervalDone.payload).toMatchObject({ status: 'ACCEPTED', kind: 'SetMeterInterval' });
    expect(station.meterInterval).toBe(1);

    const start = await h.command(
      stationId,
      { kind: 'StartTransaction', ocppEvseId: 1, ocppConnectorId: 1, idTag: 'PAY0001', remoteStartId: 4711 },
      { sessionId },
    );
    const started = await h.recorder.waitFor(
      (e) =>
        e.type === 'TransactionStarted' && (e.payload as TransactionStartedPayload).stationId === stationId,
    );
    const startDone = await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === start.eventId,
    );
    expect(startDone.payload).toMatchObject({ status: 'ACCEPTED', detail: 'Accepted', sessionId });
    expect(started.payload).toMatchObject({ sessionId, protocol, ocppEvseId: 1, idTag: 'PAY0001' });
    expect(started.correlationId).toBe(start.correlationId);
    expect(started.authorizationReference).toBe(`AUTH-${sessionId}`);
    const transactionId = (started.payload as TransactionStartedPayload).transactionId;

    await waitFor(() => eventsOf(h, 'MeterValuesReceived', stationId).length >= 2 || undefined, {
      timeoutMs: 15_000,
      description: 'two MeterValuesReceived',
    });

    const stop = await h.command(stationId, { kind: 'StopTransaction', transactionId }, { sessionId });
    const stopped = await h.recorder.waitFor(
      (e) =>
        e.type === 'TransactionStopped' && (e.payload as TransactionStoppedPayload).stationId === stationId,
    );
    const stopDone = await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === stop.eventId,
    );
    expect(stopDone.payload).toMatchObject({ status: 'ACCEPTED' });
    expect(stopped.payload).toMatchObject({
      sessionId,
      transactionId,
      reason: 'Remote',
      unknownTransaction: false,
    });
    expect(stopped.correlationId).toBe(start.correlationId);

    const meters = eventsOf(h, 'MeterValuesReceived', stationId).map(
      (e) => e.payload as MeterValuesReceivedPayload,
    );
    expect(meters.every((m) => m.sessionId === sessionId && m.transactionId === transactionId)).toBe(true);
    const energies = meters.flatMap((m) => m.samples.map((s) => s.energyWh ?? 0));
    expect(energies).toEqual([...energies].sort((a, b) => a - b));
    const startWh = (started.payload as TransactionStartedPayload).meterStartWh;
    const stopWh = (stopped.payload as TransactionStoppedPayload).meterStopWh ?? 0;
    expect(energies[0]).toBeGreaterThanOrEqual(startWh);
    expect(stopWh).toBeGreaterThanOrEqual(energies[energies.length - 1] ?? 0);
    // Order: the start happened before every reading, the stop after all of them.
    const times = [started, ...eventsOf(h, 'MeterValuesReceived', stationId), stopped].map((e) =>
      Date.parse(e.occurredAt),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('should answer a command for a station nobody holds with OFFLINE', async () => {
    const cmd = await h.command('IT-NOBODY', { kind: 'TriggerMessage', message: 'Heartbeat' });
    const done = await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === cmd.eventId,
    );
    expect(done.payload).toMatchObject({ status: 'OFFLINE' });
  });

  it('should report a remote start the charger rejects (no such connector) as REJECTED', async () => {
    const cmd = await h.command(stationId, {
      kind: 'StartTransaction',
      ocppEvseId: 9,
      ocppConnectorId: 9,
      idTag: 'PAY0002',
      remoteStartId: 4712,
    });
    const done = await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === cmd.eventId,
    );
    expect(done.payload).toMatchObject({ status: 'REJECTED', detail: 'Rejected' });
  });
});
