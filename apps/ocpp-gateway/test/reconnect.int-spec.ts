import type {
  MeterValuesReceivedPayload,
  TransactionStartedPayload,
  TransactionStoppedPayload,
} from '@tapcharge/contracts';
import { SimulatedStation, type SentCall } from '@tapcharge/station-simulator';
import { waitFor } from '@tapcharge/testing';
import { eventsOf, PASSWORD, startHarness, type Harness } from './gateway-harness';

describe.each([
  ['ocpp1.6', 'RC-16'],
  ['ocpp2.0.1', 'RC-201'],
] as const)(
  'offline charger replaying queued transaction messages after reconnect (%s)',
  (protocol, stationId) => {
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
        meterIntervalSeconds: 1,
        autoReconnect: false,
      });
      await station.start();
    });

    afterAll(async () => {
      await station?.shutdown();
      await h?.stop();
    });

    it('should accept, map and publish the backlog once, in order, after the station comes back', async () => {
      const replayed: SentCall[] = [];
      station.on('sent', (s) => s.replayed && replayed.push(s));
      await station.startTransaction(1, 'CARD-RC');
      const started = await h.recorder.waitFor(
        (e) =>
          e.type === 'TransactionStarted' && (e.payload as TransactionStartedPayload).stationId === stationId,
      );
      const transactionId = (started.payload as TransactionStartedPayload).transactionId;

      station.goOffline();
      await waitFor(() => station.queueDepth >= 3 || undefined, {
        timeoutMs: 10_000,
        description: 'three queued meter values',
      });
      await station.stopTransaction(1, 'EVDisconnected');
      const queued = station.queueDepth;
      const offlineSince = Date.now();

      await station.goOnline();
      expect(station.queueDepth).toBe(0);
      expect(replayed.length).toBe(queued);
      expect(replayed.every((s) => s.response !== undefined)).toBe(true);

      const stopped = await h.recorder.waitFor(
        (e) =>
          e.type === 'TransactionStopped' && (e.payload as TransactionStoppedPayload).stationId === stationId,
      );
      expect(stopped.payload).toMatchObject({
        transactionId,
        reason: 'EVDisconnected',
        unknownTransaction: false,
      });
      await waitFor(() => eventsOf(h, 'MeterValuesReceived', stationId).length >= queued - 1 || undefined, {
        timeoutMs: 10_000,
      });
      const meters = eventsOf(h, 'MeterValuesReceived', stationId).map(
        (e) => e.payload as MeterValuesReceivedPayload,
      );
      expect(meters.every((m) => m.transactionId === transactionId)).toBe(true);
      // The historical readings carry the times they were taken, before the replay.
      expect(meters.some((m) => Date.parse(m.samples[0]?.timestamp ?? '') < offlineSince)).toBe(true);
      const energies = meters.map((m) => m.samples[0]?.energyWh ?? 0);
      expect(energies).toEqual([...energies].sort((a, b) => a - b));
      expect(new Set(eventsOf(h, 'MeterValuesReceived', stationId).map((e) => e.eventId)).size).toBe(
        meters.length,
      );
    });
  },
);
