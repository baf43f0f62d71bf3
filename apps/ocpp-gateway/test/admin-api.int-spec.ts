import { SimulatedStation, UpgradeRefused } from '@tapcharge/station-simulator';
import { waitFor } from '@tapcharge/testing';
import type { StationView } from '../src/application/admin/station-admin.use-case';
import type { RunningGateway } from '../src/gateway';
import { startHarness, type Harness } from './gateway-harness';

const TOKEN = 'test-admin-token-0123456789';
const connectors = [
  { ocppEvseId: 1, ocppConnectorId: 1, locationId: 'LOC-9', evseUid: 'LOC-9-E1', connectorId: '1' },
];

/** The admin API of one instance over real HTTP, as the operator CLI calls it. */
function adminOf(g: RunningGateway) {
  return async (method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(`http://127.0.0.1:${g.httpPort}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
}

describe('station admin API for the operator CLI (ADR 0004 §7)', () => {
  let h: Harness;
  let other: { gateway: RunningGateway; url: string };
  let admin: ReturnType<typeof adminOf>;
  const stations: SimulatedStation[] = [];

  const list = async () => (await admin('GET', '/admin/stations')).body as unknown as StationView[];
  const row = async (id: string) => (await list()).find((s) => s.stationId === id);
  const connect = async (id: string, password: string, url = h.url) => {
    const s = new SimulatedStation({
      id,
      protocol: 'ocpp2.0.1',
      url,
      password,
      autoReconnect: false,
      firmwareVersion: 'fw-7.1',
    });
    stations.push(s);
    await s.start();
    return s;
  };

  beforeAll(async () => {
    h = await startHarness({ INSTANCE_ID: 'adm-one' });
    other = await h.startInstance({ INSTANCE_ID: 'adm-two' });
    admin = adminOf(h.gateway);
  });

  afterAll(async () => {
    for (const s of stations) await s.shutdown();
    await h?.stop();
  });

  it('should refuse every call without the admin token (HTTP 401)', async () => {
    expect((await admin('GET', '/admin/stations', undefined, null)).status).toBe(401);
    expect((await admin('GET', '/admin/stations', undefined, 'wrong')).status).toBe(401);
  });

  it('should register with a generated password shown once, and list a never-connected station with nulls', async () => {
    const created = await admin('POST', '/admin/stations', { stationId: 'ADM-GEN', connectors });
    expect(created.status).toBe(201);
    expect(created.body?.['password']).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body).toMatchObject({ stationId: 'ADM-GEN', hasPassword: true, connected: false });

    expect(await row('ADM-GEN')).toEqual({
      stationId: 'ADM-GEN',
      protocol: null,
      connected: false,
      gatewayInstance: null,
      lastHeartbeatAt: null,
      firmwareVersion: null,
      vendor: null,
      model: null,
      connectors,
      requiredProtocol: null,
      enabled: true,
      hasPassword: true,
    });
    expect(JSON.stringify(await list())).not.toContain(String(created.body?.['password']));

    const station = await connect('ADM-GEN', String(created.body?.['password']));
    expect(station.isOnline).toBe(true);
  });

  it('should answer 409 with a clear message when the id is registered, changing nothing', async () => {
    const again = await admin('POST', '/admin/stations', {
      stationId: 'ADM-GEN',
      password: 'another-password-0123',
      connectors: [{ ...connectors[0], evseUid: 'OTHER' }],
    });
    expect(again.status).toBe(409);
    expect(again.body?.['message']).toBe(
      'station ADM-GEN is already registered (rotate its password with POST /admin/stations/ADM-GEN/password)',
    );
    expect((await row('ADM-GEN'))?.connectors).toEqual(connectors);
  });

  it('should register with a given password without echoing it', async () => {
    const created = await admin('POST', '/admin/stations', {
      stationId: 'ADM-OWN',
      protocol: 'ocpp2.0.1',
      password: 'own-password-012345',
      connectors,
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).toMatchObject({ requiredProtocol: 'ocpp2.0.1', protocol: null });
  });

  it('should list protocol, connection, last frame time and boot facts of a connected station', async () => {
    await waitFor(async () => (await row('ADM-GEN'))?.connected || undefined, {
      description: 'ADM-GEN listed as connected',
    });
    const r = await row('ADM-GEN');
    expect(r).toMatchObject({
      protocol: 'ocpp2.0.1',
      connected: true,
      gatewayInstance: 'adm-one',
      firmwareVersion: 'fw-7.1',
      vendor: 'tapcharge',
      model: 'SimCharger',
    });
    expect(Date.parse(String(r?.lastHeartbeatAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('should show a station held by the other instance as connected there (presence registry)', async () => {
    await connect('ADM-OWN', 'own-password-012345', other.url);
    const seen = await waitFor(
      async () => {
        const r = await row('ADM-OWN');
        return r?.connected ? r : undefined;
      },
      { description: 'ADM-OWN connected on adm-two, seen from adm-one' },
    );
    expect(seen).toMatchObject({ gatewayInstance: 'adm-two', protocol: 'ocpp2.0.1', model: 'SimCharger' });
    expect(typeof seen.lastHeartbeatAt).toBe('string');
  });

  it('should list a station that went away as not connected, keeping what it reported', async () => {
    const s = stations.find((x) => x.id === 'ADM-OWN');
    await s?.shutdown();
    const gone = await waitFor(
      async () => {
        const r = await row('ADM-OWN');
        return r && !r.connected ? r : undefined;
      },
      { description: 'ADM-OWN listed as disconnected' },
    );
    expect(gone).toMatchObject({ gatewayInstance: null, protocol: 'ocpp2.0.1', firmwareVersion: 'fw-7.1' });
  });

  it('should rotate a password: a given one (204) or a generated one shown once (200); the old one stops working', async () => {
    expect(
      (await admin('POST', '/admin/stations/ADM-OWN/password', { password: 'rotated-password-0001' })).status,
    ).toBe(204);
    const generated = await admin('POST', '/admin/stations/ADM-OWN/password', {});
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({
      stationId: 'ADM-OWN',
      password: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const refused = await connect('ADM-OWN', 'rotated-password-0001').then(
      () => 'accepted',
      (err: Error) => (err instanceof UpgradeRefused ? err.status : err.message),
    );
    expect(refused).toBe(401);
    const fresh = await connect('ADM-OWN', String(generated.body?.['password']));
    expect(fresh.isOnline).toBe(true);
    expect((await admin('POST', '/admin/stations/ADM-NOPE/password', {})).status).toBe(404);
  });

  it('should apply a rotation made through one instance on the other too (registry change log)', async () => {
    // adm-two cached ADM-OWN's old hash when the station connected there.
    const rotated = await admin('POST', '/admin/stations/ADM-OWN/password', {});
    const password = String(rotated.body?.['password']);
    const attempt = (pw: string) =>
      connect('ADM-OWN', pw, other.url).then(
        async (s) => {
          await s.shutdown();
          return 'accepted';
        },
        (err: Error) => (err instanceof UpgradeRefused ? err.status : err.message),
      );
    await waitFor(async () => (await attempt(password)) === 'accepted' || undefined, {
      description: 'adm-two accepting the password rotated through adm-one',
    });
  });

  it("should export the consumers' lag in /metrics (kafka_consumer_lag per topic/partition)", async () => {
    await h.command('ADM-NOPE', { kind: 'TriggerMessage', message: 'Heartbeat' });
    const text = await waitFor(
      async () => {
        const t = await (await fetch(`http://127.0.0.1:${h.gateway.httpPort}/metrics`)).text();
        return /kafka_consumer_lag\{partition="[^"]*station-command\.requested\.v1\/\d+"\}/.test(t) &&
          /kafka_consumer_lag\{partition="[^"]*station-connection\.changed\.v1\/\d+"\}/.test(t)
          ? t
          : undefined;
      },
      { description: 'lag of both consumers in /metrics' },
    );
    expect(text).toMatch(/^kafka_consumer_lag\{partition="[^"]+"\} \d+$/m);
  });
});
