import { COMMANDS } from '../commands';
import type { FetchLike } from './http';
import { runCli } from './run-cli';

interface Sent {
  method: string;
  url: string;
  body?: unknown;
  authorization?: string;
}

/** The CLI over a scripted HTTP peer: records what it sent, answers from `routes` (`METHOD url` -> answer). */
function cli(
  routes: Record<string, { status: number; body?: unknown }> = {},
  env: Record<string, string> = {},
) {
  const sent: Sent[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const fetch: FetchLike = (url, init) => {
    const method = init.method ?? 'GET';
    const headers = init.headers as Record<string, string>;
    sent.push({
      method,
      url,
      ...(init.body ? { body: JSON.parse(String(init.body)) as unknown } : {}),
      ...(headers['authorization'] ? { authorization: headers['authorization'] } : {}),
    });
    const answer = routes[`${method} ${url}`];
    if (!answer) return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    return Promise.resolve(
      new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status }),
    );
  };
  const files: Record<string, string> = {};
  const run = (...argv: string[]) =>
    runCli(argv, {
      commands: COMMANDS,
      env,
      io: {
        readFile: (path) => {
          if (!(path in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
          return files[path] as string;
        },
      },
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      fetch,
    });
  return { run, sent, out, err, files };
}

describe('admin CLI command line', () => {
  it.each(COMMANDS.map((c) => [`${c.group} ${c.name}`]))(
    '`%s --help` prints its usage and exits 0 without a request',
    async (words) => {
      const c = cli();
      expect(await c.run(...words.split(' '), '--help')).toBe(0);
      expect(c.out.join('\n')).toContain(`usage: npm run -s admin -- ${words}`);
      expect(c.out.join('\n')).toContain('--json');
      expect(c.sent).toHaveLength(0);
    },
  );

  it('lists every command for --help and for a bare group with --help', async () => {
    const c = cli();
    expect(await c.run('--help')).toBe(0);
    for (const cmd of COMMANDS) expect(c.out[0]).toContain(`${cmd.group} ${cmd.name}`);
    expect(await c.run('station', '--help')).toBe(0);
    expect(c.out[1]).toContain('station rotate-password');
    expect(c.out[1]).not.toContain('ptp invite');
  });

  it.each([
    [[], 'which command?'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['ptp'], 'which one? (invite, list, revoke)'],
    [['ptp', 'invite'], '--name <name> is required'],
    [
      ['ptp', 'invite', '--name', 'Acme', '--country', 'NLD'],
      '--country "NLD" must be an ISO 3166 alpha-2 code',
    ],
    [
      ['ptp', 'invite', '--name', 'Acme', '--party', 'TOOLONG'],
      '--party "TOOLONG" must be 3 letters or digits',
    ],
    [['ptp', 'invite', '--nmae', 'Acme'], "Unknown option '--nmae'"],
    [['ptp', 'revoke'], 'missing <peer_id>'],
    [['station', 'add', '--id', 'CS 1', '--location', 'L', '--evse', 'E:1'], 'station id "CS 1" must be'],
    [['station', 'add', '--id', 'CS-1', '--location', 'L'], '--evse <uid>:<connector>[,...] is required'],
    [
      ['station', 'add', '--id', 'CS-1', '--location', 'L', '--evse', 'E1'],
      '--evse "E1" must be <evse uid>:<connector id>',
    ],
    [['station', 'add', '--id', 'CS-1', '--location', 'L', '--evse', 'E1:1,E1:1'], '--evse lists E1:1 twice'],
    [
      ['station', 'add', '--id', 'CS-1', '--location', 'L', '--evse', 'E1:1', '--protocol', '2.1'],
      '--protocol "2.1"',
    ],
    [
      ['station', 'add', '--id', 'CS-1', '--id', 'CS-2', '--location', 'L', '--evse', 'E1:1'],
      '--id given 2 times; give it once',
    ],
    [['location', 'add', '--file', 'missing.json'], 'cannot read it (ENOENT)'],
    [['tariff', 'assign', 'T1'], '--location <id> is required'],
    [['tariff', 'assign', 'T1', '--location', 'L/1'], 'location id "L/1" must be'],
    [['terminal', 'assign', 'TERM-1'], '--location <id> is required'],
    [
      ['terminal', 'assign', 'TERM-1', '--location', 'L', '--party', 'NLPTP'],
      '--party "NLPTP" must look like NL:PTP',
    ],
    [['session', 'list', '--limit', '0'], '--limit must be a number from 1 to 500'],
    [['session', 'stop', 'ref-1', 'ref-2'], 'unexpected argument "ref-2"'],
    [['session', 'list', '--ocpi-url', 'ftp://x'], 'must be a http(s):// URL'],
  ])('exits 2 for `admin %j` with "%s" on stderr, before any request', async (argv, message) => {
    const c = cli();
    expect(await c.run(...argv)).toBe(2);
    expect(c.err.join('\n')).toContain(message);
    expect(c.out).toHaveLength(0);
    expect(c.sent).toHaveLength(0);
  });

  it('prints usage errors as JSON with --json', async () => {
    const c = cli();
    expect(await c.run('ptp', 'invite', '--json')).toBe(2);
    expect(JSON.parse(c.err[0] as string)).toEqual({
      error: { kind: 'usage', message: '--name <name> is required' },
    });
  });

  it('ptp invite sends name, country and party with the admin token and prints the hand-over', async () => {
    const c = cli(
      {
        'POST http://ocpi.test/admin/peers': {
          status: 201,
          body: {
            status_code: 1000,
            data: { peer_id: 'p-1', token_a: 'tok-A', versions_url: 'http://ocpi.test/ocpi/versions' },
          },
        },
      },
      { TAPCHARGE_OCPI_URL: 'http://ocpi.test/', ADMIN_TOKEN: 'secret-admin-token-1' },
    );
    expect(await c.run('ptp', 'invite', '--name', ' Acme Pay ', '--country', 'de', '--party', 'acm')).toBe(0);
    expect(c.sent).toEqual([
      {
        method: 'POST',
        url: 'http://ocpi.test/admin/peers',
        body: { name: 'Acme Pay', country_code: 'DE', party_id: 'ACM' },
        authorization: 'Bearer secret-admin-token-1',
      },
    ]);
    expect(c.out[0]).toContain('versions URL  http://ocpi.test/ocpi/versions');
    expect(c.out[0]).toContain('token A       tok-A');
    expect(c.out[0]).toContain('(DE-ACM)');
  });

  it('uses the development token and --ocpi-url over the environment', async () => {
    const c = cli(
      { 'GET http://flag.test/admin/peers': { status: 200, body: { status_code: 1000, data: [] } } },
      { TAPCHARGE_OCPI_URL: 'http://env.test' },
    );
    expect(await c.run('ptp', 'list', '--ocpi-url', 'http://flag.test')).toBe(0);
    expect(c.sent[0]?.authorization).toBe('Bearer dev-admin-token-change-me');
    expect(c.out[0]).toContain('No PTPs yet');
  });

  it('station add registers the EVSE mapping and prints the password the gateway generated, once', async () => {
    const password = '0123456789abcdef0123456789abcdef';
    const c = cli({
      'GET http://127.0.0.1:9001/admin/stations': { status: 200, body: [] },
      'GET http://127.0.0.1:8080/admin/locations/LOC-9': {
        status: 200,
        body: {
          status_code: 1000,
          data: {
            id: 'LOC-9',
            evses: [
              { uid: 'LOC-9-E1', connectors: [{ id: '1' }] },
              { uid: 'LOC-9-E2', connectors: [{ id: '1' }] },
            ],
          },
        },
      },
      'POST http://127.0.0.1:9001/admin/stations': { status: 201, body: { stationId: 'CS-9', password } },
    });
    const code = await c.run(
      'station',
      'add',
      '--id',
      'CS-9',
      '--location',
      'LOC-9',
      '--evse',
      'LOC-9-E1:1,LOC-9-E2:1',
      '--json',
    );
    expect(code).toBe(0);
    expect(c.sent.map((x) => `${x.method} ${x.url}`)).toEqual([
      'GET http://127.0.0.1:9001/admin/stations',
      'GET http://127.0.0.1:8080/admin/locations/LOC-9',
      'POST http://127.0.0.1:9001/admin/stations',
    ]);
    expect(c.sent[2]?.body).toEqual({
      stationId: 'CS-9',
      protocol: 'ocpp2.0.1',
      connectors: [
        { ocppEvseId: 1, ocppConnectorId: 1, locationId: 'LOC-9', evseUid: 'LOC-9-E1', connectorId: '1' },
        { ocppEvseId: 2, ocppConnectorId: 1, locationId: 'LOC-9', evseUid: 'LOC-9-E2', connectorId: '1' },
      ],
    });
    expect(JSON.parse(c.out[0] as string)).toMatchObject({
      ocppUrl: 'ws://127.0.0.1:9000/ocpp/CS-9',
      password,
    });
  });

  it('station add of a registered id says so and how to get a new password (exit 1)', async () => {
    const c = cli({
      'GET http://127.0.0.1:9001/admin/stations': { status: 200, body: [] },
      'POST http://127.0.0.1:9001/admin/stations': {
        status: 409,
        body: { statusCode: 409, message: 'station CS-9 is already registered' },
      },
    });
    expect(
      await c.run(
        'station',
        'add',
        '--id',
        'CS-9',
        '--location',
        'L',
        '--evse',
        'E:1',
        '--allow-unknown-evse',
      ),
    ).toBe(1);
    expect(c.err[0]).toBe(
      'admin station add: station CS-9 is already registered; nothing changed (new password: station rotate-password CS-9)',
    );
  });

  it('station add of an id in the registry refuses before any write', async () => {
    const c = cli({
      'GET http://127.0.0.1:9001/admin/stations': {
        status: 200,
        body: [{ stationId: 'CS-9', connectors: [] }],
      },
    });
    expect(
      await c.run(
        'station',
        'add',
        '--id',
        'CS-9',
        '--location',
        'L',
        '--evse',
        'E:1',
        '--allow-unknown-evse',
      ),
    ).toBe(1);
    expect(c.err[0]).toContain('station CS-9 is already registered; nothing changed');
    expect(c.sent.map((x) => x.method)).toEqual(['GET']);
  });

  it('station add registers nothing when the OCPI gateway serves no such location', async () => {
    const c = cli({
      'GET http://127.0.0.1:9001/admin/stations': { status: 200, body: [] },
      'GET http://127.0.0.1:8080/admin/locations/LOC-X': {
        status: 404,
        body: { status_code: 2003, status_message: 'Unknown location LOC-X' },
      },
    });
    expect(await c.run('station', 'add', '--id', 'CS-9', '--location', 'LOC-X', '--evse', 'E:1')).toBe(1);
    expect(c.err[0]).toContain('nothing registered: the OCPI gateway serves no location LOC-X');
    expect(c.sent.some((x) => x.method === 'POST')).toBe(false);
  });

  it('station rotate-password asks the gateway for a generated password and prints it', async () => {
    const c = cli({
      'POST http://127.0.0.1:9001/admin/stations/CS-9/password': {
        status: 200,
        body: { stationId: 'CS-9', password: 'fedcba9876543210fedcba9876543210' },
      },
    });
    expect(await c.run('station', 'rotate-password', 'CS-9')).toBe(0);
    expect(c.sent[0]?.body).toEqual({});
    expect(c.out[0]).toContain('password  fedcba9876543210fedcba9876543210');
  });

  it.each([
    [
      'an OCPI error hidden in HTTP 200',
      { status: 200, body: { status_code: 2001, status_message: 'name: too long' } },
      'HTTP 200, OCPI 2001): name: too long',
    ],
    [
      'a coded error',
      {
        status: 404,
        body: { error: { code: 'SESSION.NOT_FOUND', message: 'no session with authorization_reference x' } },
      },
      'HTTP 404, SESSION.NOT_FOUND): no session with authorization_reference x',
    ],
    [
      "Nest's error shape",
      { status: 401, body: { statusCode: 401, message: 'Unauthorized' } },
      'HTTP 401): Unauthorized',
    ],
  ])('exits 1 and shows the service message for %s', async (_, answer, message) => {
    const c = cli({ 'POST http://127.0.0.1:9101/admin/sessions/x/stop': answer });
    expect(await c.run('session', 'stop', 'x')).toBe(1);
    expect(c.err[0]).toContain(message);
  });

  it('exits 1 with where it looked when a service is down', async () => {
    const c = cli();
    expect(await c.run('station', 'list')).toBe(1);
    expect(c.err[0]).toContain(
      'cannot reach the OCPP gateway admin API at http://127.0.0.1:9001 (ECONNREFUSED)',
    );
    expect(c.err[0]).toContain('--ocpp-admin-url or TAPCHARGE_OCPP_ADMIN_URL');
  });

  it('tariff assign adds the named connector to the current assignment', async () => {
    const c = cli({
      'GET http://127.0.0.1:8082/admin/tariffs/T1': {
        status: 200,
        body: { id: 'T1', appliesTo: ['L/E1/1'] },
      },
      'PUT http://127.0.0.1:8082/admin/tariffs/T1/assignments': {
        status: 200,
        body: { id: 'T1', appliesTo: ['L/E1/1', 'L/E2/1'], changed: true },
      },
    });
    expect(await c.run('tariff', 'assign', 'T1', '--location', 'L', '--evse', 'E2:1')).toBe(0);
    expect(c.sent[1]?.body).toEqual({ appliesTo: ['L/E1/1', 'L/E2/1'] });
    expect(c.out[0]).toBe('Tariff T1 now applies to 2 connector(s):\n  L/E1/1\n  L/E2/1');
  });

  it('terminal assign finds the owning PTP from terminal list when --party is not given', async () => {
    const c = cli({
      'GET http://127.0.0.1:8080/admin/terminals': {
        status: 200,
        body: { status_code: 1000, data: [{ terminal_id: 'TERM-1', country_code: 'NL', party_id: 'PTP' }] },
      },
      'POST http://127.0.0.1:8080/admin/terminals/NL/PTP/TERM-1/assignment': {
        status: 200,
        body: { status_code: 1000, data: { terminal_id: 'TERM-1', location_ids: ['LOC-001'] } },
      },
    });
    expect(await c.run('terminal', 'assign', 'TERM-1', '--location', 'LOC-001')).toBe(0);
    expect(c.sent[1]?.body).toEqual({ location_ids: ['LOC-001'] });
    expect(c.out[0]).toContain('Terminal TERM-1 (NL-PTP) now offers LOC-001');
  });
});
