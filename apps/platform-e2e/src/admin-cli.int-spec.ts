import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { parsePowerCurve, SimulatedStation } from '@tapcharge/station-simulator';
import { REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { Platform } from './platform';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The operator CLI (apps/admin-cli) as an operator runs it — a child process — against the six services as
 * real processes on real Kafka and FerretDB (issue I acceptance): invite a PTP that then registers over plain
 * OCPI HTTP, add a charger that then boots with the printed password, and operate sessions.
 */
describe('operator CLI against the running platform (apps/admin-cli)', () => {
  const platform = new Platform(uniqueNamespace('cli'), {
    START_TIMEOUT_S: '15',
    CARD_METER_INTERVAL_S: '2',
  });
  const stations: SimulatedStation[] = [];

  /** `npm run -s admin -- <args>` (the same script line), with the platform's addresses and admin token. */
  function admin(...args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/admin-cli/src/main.ts', ...args],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, ...platform.adminCliEnv() },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('error', reject);
      child.once('close', (code) => (clearTimeout(deadline), resolve({ code, stdout, stderr })));
    });
  }

  async function adminJson<T>(...args: string[]): Promise<T> {
    const r = await admin(...args, '--json');
    if (r.code !== 0) throw new Error(`admin ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** The value printed after a label in the CLI's `label  value` lines. */
  function printed(out: string, label: string): string {
    const m = new RegExp(`^\\s+${label}\\s+(\\S+)$`, 'm').exec(out);
    if (!m?.[1]) throw new Error(`"${label}" not in the output:\n${out}`);
    return m[1];
  }

  beforeAll(async () => {
    await platform.start();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(stations.map((s) => s.shutdown().catch(() => undefined)));
    await platform.stop();
  }, 60_000);

  describe('a PTP invited with `ptp invite` registers with any OCPI HTTP client', () => {
    const tokenB = randomBytes(24).toString('base64url');
    let ptpServer: Server | undefined;
    let peerId = '';

    /** The PTP's side of the handshake the CPO calls back with token B: its versions and version details. */
    async function startPtpVersionsServer(): Promise<string> {
      const envelope = (data: unknown) =>
        JSON.stringify({ data, status_code: 1000, timestamp: new Date().toISOString() });
      let base = '';
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        if (req.headers.authorization !== `Token ${Buffer.from(tokenB).toString('base64')}`) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              status_code: 2001,
              status_message: 'unknown token',
              timestamp: new Date().toISOString(),
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url === '/ocpi/versions') res.end(envelope([{ version: '2.2.1', url: `${base}/2.2.1` }]));
        else if (req.url === '/ocpi/2.2.1')
          res.end(
            envelope({
              version: '2.2.1',
              endpoints: [{ identifier: 'credentials', role: 'RECEIVER', url: `${base}/2.2.1/credentials` }],
            }),
          );
        else res.writeHead(404).end();
      });
      ptpServer = server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}/ocpi`;
      return `${base}/versions`;
    }

    afterAll(async () => {
      await new Promise((r) => (ptpServer ? ptpServer.close(r) : r(undefined)));
    });

    it('`ptp invite` prints the versions URL and token A, and a credentials POST with them registers the PTP', async () => {
      const invited = await admin(
        'ptp',
        'invite',
        '--name',
        'Plain HTTP PTP',
        '--country',
        'NL',
        '--party',
        'PHP',
      );
      expect(invited.code).toBe(0);
      const versionsUrl = printed(invited.stdout, 'versions URL');
      const tokenA = printed(invited.stdout, 'token A');
      peerId = /peer id (\S+)\./.exec(invited.stdout)?.[1] ?? '';
      expect(versionsUrl).toBe(platform.ocpiVersionsUrl);

      // What any PTP's HTTP client does (OCPI 2.2.1 credentials module, digest §6.2): token A, base64 in the header.
      const auth = (token: string) => ({ authorization: `Token ${Buffer.from(token).toString('base64')}` });
      const versions = (await (await fetch(versionsUrl, { headers: auth(tokenA) })).json()) as {
        data: Array<{ version: string; url: string }>;
      };
      const v221 = versions.data.find((v) => v.version === '2.2.1')?.url;
      if (!v221) throw new Error(`the CPO offers no 2.2.1: ${JSON.stringify(versions.data)}`);
      const details = (await (await fetch(v221, { headers: auth(tokenA) })).json()) as {
        data: { endpoints: Array<{ identifier: string; url: string }> };
      };
      const credentialsUrl = details.data.endpoints.find((e) => e.identifier === 'credentials')?.url;
      if (!credentialsUrl) throw new Error('the CPO advertises no credentials endpoint');
      const ours = await startPtpVersionsServer();
      const res = await fetch(credentialsUrl, {
        method: 'POST',
        headers: { ...auth(tokenA), 'content-type': 'application/json' },
        body: JSON.stringify({
          token: tokenB,
          url: ours,
          roles: [
            {
              role: 'OTHER',
              business_details: { name: 'Plain HTTP PTP' },
              party_id: 'PHP',
              country_code: 'NL',
            },
          ],
        }),
      });
      expect(res.status).toBe(200);
      const registered = (await res.json()) as { status_code: number; data: { token: string } };
      expect(registered.status_code).toBe(1000);
      expect(registered.data.token).toMatch(/^[\x21-\x7e]{1,64}$/);
      expect(registered.data.token).not.toBe(tokenA);

      // Token A dies with the handshake.
      expect((await fetch(versionsUrl, { headers: auth(tokenA) })).status).toBe(401);
    });

    it('`ptp list` shows it REGISTERED with its party and OCPI version', async () => {
      const peers = await adminJson<Array<Record<string, unknown>>>('ptp', 'list');
      expect(peers.find((p) => p['peer_id'] === peerId)).toMatchObject({
        name: 'Plain HTTP PTP',
        state: 'REGISTERED',
        country_code: 'NL',
        party_id: 'PHP',
        version: '2.2.1',
      });
      const text = await admin('ptp', 'list');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(new RegExp(`^${peerId}\\s+Plain HTTP PTP\\s+REGISTERED\\s+NL-PHP`, 'm'));
    });

    it('`ptp revoke` ends its access', async () => {
      const r = await admin('ptp', 'revoke', peerId);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Revoked PTP ${peerId}`);
      const peers = await adminJson<Array<Record<string, unknown>>>('ptp', 'list');
      expect(peers.find((p) => p['peer_id'] === peerId)?.['state']).not.toBe('REGISTERED');
    });
  });

  describe('a charger added with `station add` boots with the printed password', () => {
    const id = `CLI-CS-${randomUUID().slice(0, 8)}`;
    let url = '';
    let password = '';

    it('`station add` prints the OCPP URL and a generated password; the charger gets BootNotification Accepted', async () => {
      const added = await admin(
        'station',
        'add',
        '--id',
        id,
        '--location',
        'LOC-001',
        '--evse',
        'LOC-001-EVSE-07:1,LOC-001-EVSE-08:1',
        '--protocol',
        '1.6',
        '--allow-unknown-evse', // a charger installed before its EVSEs are published
      );
      expect(added.code).toBe(0);
      url = printed(added.stdout, 'OCPP URL');
      password = printed(added.stdout, 'password');
      expect(url).toBe(`${platform.ocppUrl}/${id}`);
      expect(password.length).toBeGreaterThanOrEqual(16);

      // A wrong password is refused at the websocket upgrade: the printed one is what matters.
      const impostor = new SimulatedStation({
        id,
        protocol: 'ocpp1.6',
        url: platform.ocppUrl,
        password: `${password}x`,
        autoReconnect: false,
      });
      await expect(impostor.start()).rejects.toThrow();
      await impostor.shutdown();

      const charger = new SimulatedStation({
        id,
        protocol: 'ocpp1.6',
        url: url.slice(0, url.lastIndexOf('/')),
        password,
        connectors: 2,
        powerCurve: parsePowerCurve('constant:11'),
      });
      stations.push(charger);
      const booted: string[] = [];
      charger.on('booted', (e) => booted.push(e.status));
      await charger.start();
      expect(booted).toEqual(['Accepted']);
      expect(charger.isOnline).toBe(true);
    });

    it('`station list` shows it with its protocol and EVSEs', async () => {
      const list = await adminJson<Array<Record<string, unknown>>>('station', 'list');
      const row = list.find((s) => s['stationId'] === id);
      expect(row).toMatchObject({
        requiredProtocol: 'ocpp1.6',
        protocol: 'ocpp1.6',
        connectors: [
          {
            ocppEvseId: 1,
            ocppConnectorId: 1,
            locationId: 'LOC-001',
            evseUid: 'LOC-001-EVSE-07',
            connectorId: '1',
          },
          {
            ocppEvseId: 2,
            ocppConnectorId: 2,
            locationId: 'LOC-001',
            evseUid: 'LOC-001-EVSE-08',
            connectorId: '1',
          },
        ],
      });
      expect(JSON.stringify(row)).not.toContain(password);
      const text = await admin('station', 'list');
      expect(text.stdout).toMatch(new RegExp(`^${id}\\s+1\\.6\\s`, 'm'));
    });

    it('`station list` reports it connected, with its last heartbeat and firmware (OCPP gateway status fields)', async () => {
      const list = await adminJson<Array<Record<string, unknown>>>('station', 'list');
      const row = list.find((s) => s['stationId'] === id);
      expect(row).toMatchObject({
        connected: true,
        vendor: 'tapcharge',
        model: 'SimCharger',
        firmwareVersion: 'sim-1.0.0',
      });
      expect(Date.parse(String(row?.['lastHeartbeatAt']))).not.toBeNaN();
      const text = await admin('station', 'list');
      expect(text.stdout).toMatch(
        new RegExp(`^${id}\\s+1\\.6\\s+yes\\s+\\S+Z\\s+sim-1\\.0\\.0\\s+tapcharge / SimCharger\\s+yes`, 'm'),
      );
    });

    it('`station add` of a registered id changes nothing (exit 1) and `station rotate-password` replaces the password', async () => {
      const again = await admin('station', 'add', '--id', id, '--location', 'LOC-001', '--evse', 'X:1');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`station ${id} is already registered; nothing changed`);
      const list = await adminJson<Array<{ stationId: string; connectors: unknown[] }>>('station', 'list');
      expect(list.find((s) => s.stationId === id)?.connectors).toHaveLength(2);

      const rotated = await admin('station', 'rotate-password', id);
      expect(rotated.code).toBe(0);
      const fresh = printed(rotated.stdout, 'password');
      expect(fresh).not.toBe(password);
      const late = new SimulatedStation({
        id,
        protocol: 'ocpp1.6',
        url: platform.ocppUrl,
        password,
        autoReconnect: false,
      });
      await expect(late.start()).rejects.toThrow();
      await late.shutdown();
    });
  });

  describe('locations', () => {
    const file = join(REPO_ROOT, '.local/e2e', platform.namespace, 'cli-location.json');
    const [seed] = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/seed/locations.json'), 'utf8')) as {
        locations: Array<Record<string, unknown> & { evses: Array<Record<string, unknown>> }>;
      }
    ).locations;

    beforeAll(() => {
      if (!seed) throw new Error('deploy/seed/locations.json has no location');
      writeFileSync(
        file,
        JSON.stringify({
          ...seed,
          id: 'LOC-CLI-1',
          name: 'CLI test site',
          evses: [{ ...seed.evses[0], uid: 'LOC-CLI-1-EVSE-01', evse_id: 'NL*TPC*E901001' }],
        }),
      );
    });

    it('`location add --file` stores an OCPI Location and `location list` shows it', async () => {
      const added = await admin('location', 'add', '--file', file);
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('Stored location LOC-CLI-1 "CLI test site": 1 EVSEs, 1 connectors.');
      const locations = await adminJson<Array<{ id: string; evses?: Array<{ uid: string }> }>>(
        'location',
        'list',
      );
      expect(locations.find((l) => l.id === 'LOC-CLI-1')?.evses?.map((e) => e.uid)).toEqual([
        'LOC-CLI-1-EVSE-01',
      ]);
    });

    it('`station add` maps a charger onto the EVSE the OCPI gateway now serves', async () => {
      const r = await admin(
        'station',
        'add',
        '--id',
        'CLI-CS-LOC',
        '--location',
        'LOC-CLI-1',
        '--evse',
        'LOC-CLI-1-EVSE-01:1',
      );
      expect(r.code).toBe(0);
      expect(printed(r.stdout, 'OCPP URL')).toBe(`${platform.ocppUrl}/CLI-CS-LOC`);
    });

    it('`tariff assign` without --evse covers every connector of the location', async () => {
      const r = await admin('tariff', 'assign', 'DEMO-SIMPLE-KWH', '--location', 'LOC-CLI-1');
      expect(r.code).toBe(0);
      const tariffs = await adminJson<Array<{ id: string; appliesTo: string[] }>>('tariff', 'list');
      expect(tariffs.find((t) => t.id === 'DEMO-SIMPLE-KWH')?.appliesTo).toEqual([
        'LOC-001/LOC-001-EVSE-02/1',
        'LOC-CLI-1/LOC-CLI-1-EVSE-01/1',
      ]);
    });

    it('`location add` of a file that is not a Location exits 2 and sends nothing', async () => {
      writeFileSync(`${file}.bad`, '{"name": "no id"}');
      const r = await admin('location', 'add', '--file', `${file}.bad`);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the Location needs an "id"');
    });
  });

  describe('bad input', () => {
    it.each([
      [
        ['station', 'add', '--id', 'CLI-BAD-1', '--location', 'LOC-001', '--evse', 'LOC-001-EVSE-09'],
        '--evse "LOC-001-EVSE-09" must be <evse uid>:<connector id>',
        2,
      ],
      [
        ['station', 'add', '--id', 'CLI-BAD-1', '--location', 'LOC-001'],
        '--evse <uid>:<connector>[,...] is required',
        2,
      ],
      [['ptp', 'invite'], '--name <name> is required', 2],
      [
        [
          'station',
          'add',
          '--id',
          'CLI-BAD-1',
          '--location',
          'LOC-001',
          '--evse',
          'LOC-001-EVSE-01:1',
          '--allow-unknown-evse',
        ],
        'LOC-001-EVSE-01:1 of LOC-001 is already served by station CP-16-001',
        1,
      ],
      [
        ['station', 'add', '--id', 'CLI-BAD-1', '--location', 'LOC-001', '--evse', 'LOC-001-EVSE-09:1'],
        'location LOC-001 has no EVSE LOC-001-EVSE-09',
        1,
      ],
      [
        ['station', 'add', '--id', 'CLI-BAD-1', '--location', 'LOC-NOWHERE', '--evse', 'E:1'],
        'the OCPI gateway serves no location LOC-NOWHERE',
        1,
      ],
      [
        ['tariff', 'assign', 'NO-SUCH-TARIFF', '--location', 'LOC-001', '--evse', 'LOC-001-EVSE-01:1'],
        'HTTP 404',
        1,
      ],
      [['station', 'rotate-password', 'CLI-NOT-THERE'], 'HTTP 404', 1],
    ])('`admin %j` exits non-zero with a message and creates nothing', async (args, message, code) => {
      const r = await admin(...args);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
      const stations = await adminJson<Array<{ stationId: string }>>('station', 'list');
      expect(stations.map((s) => s.stationId)).not.toContain('CLI-BAD-1');
    });

    it("`session stop` of an unknown reference exits 1 with the session engine's message", async () => {
      const r = await admin('session', 'stop', 'no-such-reference');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('SESSION.NOT_FOUND');
      expect(r.stderr).toContain('no session with authorization_reference no-such-reference');
    });

    it("a wrong admin token is refused with the service's message (exit 1)", async () => {
      const r = await new Promise<CliRun>((resolve) => {
        const child = spawn(
          process.execPath,
          ['-r', '@swc-node/register', 'apps/admin-cli/src/main.ts', 'session', 'list'],
          {
            cwd: REPO_ROOT,
            env: { ...process.env, ...platform.adminCliEnv(), ADMIN_TOKEN: 'not-the-admin-token' },
          },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('close', (code) => resolve({ code, stdout: '', stderr }));
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('HTTP 401, ADMIN.UNAUTHORIZED');
    });
  });

  describe('operating a card session', () => {
    const ptp = new PtpSimulator({
      countryCode: 'DE',
      partyId: 'SIM',
      role: 'OTHER',
      version: '2.3.0',
      log: () => undefined,
    });
    const terminalId = `TERM-${randomUUID().slice(0, 8)}`;
    let ref = '';

    beforeAll(async () => {
      await ptp.start();
      const invite = await adminJson<{ token_a: string; versions_url: string }>(
        'ptp',
        'invite',
        '--name',
        'Simulated PTP',
        '--country',
        'DE',
        '--party',
        'SIM',
      );
      await ptp.register(invite.versions_url, invite.token_a);
      expect((await ptp.registerTerminal(terminalId)).httpStatus).toBeLessThan(300);
    }, 60_000);

    afterAll(async () => {
      await ptp.stop();
    });

    it('`terminal assign` pushes the location assignment to the PTP', async () => {
      const r = await admin('terminal', 'assign', terminalId, '--location', 'LOC-001', '--party', 'DE:SIM');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Terminal ${terminalId} (DE-SIM) now offers LOC-001`);
      await ptp.waitFor(
        () =>
          ptp.inbox.terminalCalls.find(
            (c) => c.terminalId === terminalId && JSON.stringify(c.body['location_ids']) === '["LOC-001"]',
          ),
        30_000,
        'the assignment pushed to the PTP',
      );
    });

    it('`terminal list` shows the terminal with its PTP and location', async () => {
      const rows = await adminJson<Array<{ terminalId: string; party?: string; locationIds: string[] }>>(
        'terminal',
        'list',
      );
      expect(rows.find((t) => t.terminalId === terminalId)).toMatchObject({
        party: 'DE-SIM',
        locationIds: ['LOC-001'],
      });
    });

    it('`tariff list` shows the seeded tariffs on the demo connectors', async () => {
      const tariffs = await adminJson<Array<{ id: string; appliesTo: string[] }>>('tariff', 'list');
      expect(tariffs.flatMap((t) => t.appliesTo)).toContain('LOC-001/LOC-001-EVSE-03/1');
    });

    it('`tariff assign` adds a connector to a tariff, and the OCPI gateway lists the tariff on it', async () => {
      const r = await admin(
        'tariff',
        'assign',
        'DEMO-FLAT-STEP',
        '--location',
        'LOC-001',
        '--evse',
        'LOC-001-EVSE-05:1',
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        'Tariff DEMO-FLAT-STEP now applies to 2 connector(s):\n  LOC-001/LOC-001-EVSE-06/1\n  LOC-001/LOC-001-EVSE-05/1\n',
      );
      const tariffs = await adminJson<Array<{ id: string; appliesTo: string[] }>>('tariff', 'list');
      expect(tariffs.find((t) => t.id === 'DEMO-FLAT-STEP')?.appliesTo).toEqual([
        'LOC-001/LOC-001-EVSE-06/1',
        'LOC-001/LOC-001-EVSE-05/1',
      ]);
      await ptp.waitFor(
        async () =>
          (await ptp.listLocations())
            .find((l) => l.id === 'LOC-001')
            ?.evses?.find((e) => e.uid === 'LOC-001-EVSE-05')
            ?.connectors[0]?.tariff_ids?.includes('DEMO-FLAT-STEP'),
        60_000,
        'DEMO-FLAT-STEP in the tariff_ids of LOC-001-EVSE-05',
      );
    });

    it('`session list --active`, `session stop` (operator soft stop) and `session show` follow a session to its CDR', async () => {
      const charger = new SimulatedStation({
        id: 'CP-16-002',
        protocol: 'ocpp1.6',
        url: platform.ocppUrl,
        password: 'demo-password-cp16-002', // deploy/seed/stations.json
        meterIntervalSeconds: 2,
        powerCurve: parsePowerCurve('constant:22'),
        stopLatencyMs: 500,
      });
      stations.push(charger);
      await charger.start();
      await ptp.waitFor(
        async () =>
          (await ptp.listLocations())[0]?.evses?.find((e) => e.uid === 'LOC-001-EVSE-03')?.connectors[0]
            ?.tariff_ids?.length,
        60_000,
        'a tariff on LOC-001-EVSE-03',
      );
      const started = await ptp.startSession({
        locationId: 'LOC-001',
        evseUid: 'LOC-001-EVSE-03',
        connectorId: '1',
      });
      expect(started.response.result).toBe('ACCEPTED');
      ref = started.authorizationReference;
      await ptp.waitFor(() => (ptp.sessionByReference(ref)?.kwh ?? 0) > 0.005, 60_000, 'energy flowing');

      const active = await adminJson<
        Array<{ authorizationReference: string; state: string; stationId: string }>
      >('session', 'list', '--active');
      expect(active.find((s) => s.authorizationReference === ref)).toMatchObject({
        state: 'ACTIVE',
        stationId: 'CP-16-002',
      });

      const stop = await admin('session', 'stop', ref);
      expect(stop.code).toBe(0);
      expect(stop.stdout).toContain('RemoteStop');
      await ptp.waitFor(
        () => ptp.sessionByReference(ref)?.status === 'COMPLETED',
        60_000,
        'COMPLETED at the PTP',
      );

      const story = await waitFor(
        async () => {
          const s = await adminJson<{ session: { state: string; stopReason?: string }; cdr?: unknown }>(
            'session',
            'show',
            ref,
          );
          return s.session.state === 'COMPLETED' && s.cdr ? s : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 1_000, description: `the CDR of ${ref} in session show` },
      );
      expect(story.session.stopReason).toBe('OPERATOR');
      const text = await admin('session', 'show', ref);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/state +COMPLETED \(OCPI COMPLETED\), stop reason OPERATOR/);
      expect(text.stdout).toMatch(/charger +CP-16-002 EVSE 1 connector 1 = LOC-001 \/ LOC-001-EVSE-03 \/ 1/);
      expect(text.stdout).toMatch(
        /stop +OPERATOR asked .*, 1 RemoteStop\(s\) sent, confirmed by the charger/,
      );
      expect(text.stdout).toMatch(/CDR +\S+: EUR \d+\.\d\d incl\. VAT/);
      expect(text.stdout).toMatch(/payment +not confirmed yet/);

      const again = await admin('session', 'stop', ref);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('SESSION.ALREADY_ENDED');
    }, 240_000);
  });
});
