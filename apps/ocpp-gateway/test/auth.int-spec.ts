import { SimulatedStation, UpgradeRefused, OcppJSocket } from '@tapcharge/station-simulator';
import { waitFor } from '@tapcharge/testing';
import { PASSWORD, startHarness, type Harness } from './gateway-harness';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (err: Error) => (err instanceof UpgradeRefused ? err.status : err.message),
  );

describe('upgrade decisions (security profile 1, OCPP-J 1.6 §5 / 2.0.1 Part 4 §3)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.register('AUTH-16', 'ocpp1.6');
    await h.register('AUTH-201', 'ocpp2.0.1');
  });

  afterAll(() => h?.stop());

  const connect = (identity: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', password?: string) =>
    OcppJSocket.connect({ url: h.url, identity, protocol, password }, async () => ({})).then((s) => {
      s.close();
      return s;
    });

  it.each([
    ['an unknown station', 404, 'NOPE-1', 'ocpp1.6', PASSWORD],
    ['a wrong password', 401, 'AUTH-16', 'ocpp1.6', 'wrong-password-0123456'],
    ['no password', 401, 'AUTH-201', 'ocpp2.0.1', undefined],
    ['a subprotocol the station is not registered for', 400, 'AUTH-16', 'ocpp2.0.1', PASSWORD],
  ] as const)(
    'should refuse %s at the upgrade with HTTP %s',
    async (_name, status, id, protocol, password) => {
      expect(await refusal(connect(id, protocol, password))).toBe(status);
    },
  );

  it('should accept the right password', async () => {
    expect(await refusal(connect('AUTH-201', 'ocpp2.0.1', PASSWORD))).toBe('accepted');
  });

  it('should let the newer of two connections of one station win and close the older', async () => {
    const first = new SimulatedStation({
      id: 'AUTH-16',
      protocol: 'ocpp1.6',
      url: h.url,
      password: PASSWORD,
      autoReconnect: false,
    });
    const second = new SimulatedStation({
      id: 'AUTH-16',
      protocol: 'ocpp1.6',
      url: h.url,
      password: PASSWORD,
      autoReconnect: false,
    });
    try {
      await first.start();
      const firstClosed = first.next('disconnected');
      await second.start();
      await firstClosed;
      expect(first.isOnline).toBe(false);
      expect(second.isOnline).toBe(true);
      expect(h.gateway.ocpp.localProtocol('AUTH-16')).toBe('ocpp1.6');
      expect(await second.call('Heartbeat', {})).toHaveProperty('currentTime');
      // The replaced socket's close does not announce the station as disconnected.
      await waitFor(
        () =>
          h.recorder
            .events('StationConnectionChanged')
            .filter((e) => (e.payload as { stationId: string }).stationId === 'AUTH-16').length >= 2 ||
          undefined,
      );
      const changes = h.recorder
        .events('StationConnectionChanged')
        .filter((e) => (e.payload as { stationId: string }).stationId === 'AUTH-16')
        .map((e) => (e.payload as { connected: boolean }).connected);
      expect(changes.every((c) => c)).toBe(true);
    } finally {
      await first.shutdown();
      await second.shutdown();
    }
  });
});
