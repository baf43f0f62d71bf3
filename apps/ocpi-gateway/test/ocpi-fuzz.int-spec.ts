import { encodeTokenHeader } from '@tapcharge/ocpi';
import type { PtpSimulator } from '@tapcharge/ptp-simulator';
import fc from 'fast-check';
import type { z } from 'zod';
import { routeDocs } from '../src/adapters/http/openapi/openapi-routes';
import { mutated, valid, wrongValue, type Hints, type JsonSchema } from './fuzz/schema-arbitrary';
import { ADMIN_TOKEN, GatewayHarness } from './gateway-harness';

/**
 * Fuzz (fast-check) over real HTTP against the gateway on real Kafka and FerretDB, driven by its own OpenAPI
 * document: every operation gets valid, mutated and random bodies, path parameters, paging queries and
 * headers (tokens, content types, routing headers), and now and then a method it does not serve. Every
 * answer must be below 500, JSON, an OCPI envelope; every error a 2xxx/3xxx status with a message; every
 * success a `data` that satisfies the route's OCPI schema. The operator API is fuzzed the same way.
 * OCPI_FUZZ_RUNS (default 2000) and OCPI_FUZZ_SEED change the run.
 */
const h = new GatewayHarness();
let ptp: PtpSimulator;
let tokenA = '';
const RUNS = Number(process.env['OCPI_FUZZ_RUNS'] ?? 2000);
const SEED = Number(process.env['OCPI_FUZZ_SEED'] ?? 20261124);

interface Operation {
  method: string;
  path: string;
  params: string[];
  paginated: boolean;
  body: JsonSchema | undefined;
  data: z.ZodType | undefined;
  admin: boolean;
}

let operations: Operation[] = [];

beforeAll(async () => {
  await h.start({}, { PEER_HTTP_TIMEOUT_MS: '1000' });
  await h.publishDemoTariff();
  ptp = await h.registeredPtp();
  tokenA = await h.tokenA();
  await ptp.registerTerminal('FUZZ-T1');
  await ptp.confirmPayment({
    authorizationReference: 'fuzz-ref',
    amountExclVat: 1,
    amountInclVat: 1.21,
    currency: 'EUR',
  });
  const doc = (await (await fetch(`${h.gateway.url}/ocpi/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters: Array<{ name: string; in: string }>;
          requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
        }
      >
    >;
  };
  const schemas = new Map(routeDocs().map((r) => [`${r.method} ${r.path}`, r.data]));
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
      paginated: op.parameters.some((p) => p.name === 'offset'),
      body: op.requestBody?.content['application/json'].schema,
      data: schemas.get(`${method} ${path}`),
      admin: false,
    })),
  );
  operations.push(...ADMIN_OPERATIONS);
}, 120_000);

afterAll(() => h.stop(), 60_000);

/** The operator API (not part of the OCPI document), with the body shapes it takes. */
const ADMIN_OPERATIONS: Operation[] = [
  ['POST', '/admin/peers', [], objectOf({ name: { type: 'string' }, country_code: { type: 'string' } })],
  ['GET', '/admin/peers', [], undefined],
  ['POST', '/admin/peers/{peer_id}/revoke', ['peer_id'], undefined],
  ['GET', '/admin/locations', [], undefined],
  ['GET', '/admin/locations/{location_id}', ['location_id'], undefined],
  ['PUT', '/admin/locations/{location_id}', ['location_id'], objectOf({ id: { type: 'string' } })],
  ['GET', '/admin/terminals', [], undefined],
  [
    'POST',
    '/admin/terminals/{country_code}/{party_id}/activate',
    ['country_code', 'party_id'],
    objectOf({ reference: { type: 'string' } }),
  ],
  [
    'POST',
    '/admin/terminals/{country_code}/{party_id}/{terminal_id}/deactivate',
    ['country_code', 'party_id', 'terminal_id'],
    undefined,
  ],
  [
    'POST',
    '/admin/terminals/{country_code}/{party_id}/{terminal_id}/assignment',
    ['country_code', 'party_id', 'terminal_id'],
    objectOf({ location_ids: { type: 'array', items: { type: 'string' } } }),
  ],
].map(([method, path, params, body]) => ({
  method: method as string,
  path: path as string,
  params: params as string[],
  paginated: false,
  body: body as JsonSchema | undefined,
  data: undefined,
  admin: true,
}));

function objectOf(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties };
}

/** Known ids (so requests reach the deeper code) or anything at all. */
const KNOWN: Record<string, string[]> = {
  location_id: ['LOC-001', 'loc-001'],
  evse_uid: ['LOC-001-EVSE-01', 'LOC-001-EVSE-03'],
  connector_id: ['1'],
  terminal_id: ['FUZZ-T1'],
  financial_advice_confirmation_id: ['does-not-exist'],
  country_code: ['DE', 'de'],
  party_id: ['PTP'],
  peer_id: ['00000000-0000-0000-0000-000000000000'],
};

const segment = (name: string) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(KNOWN[name] ?? ['x'])), weight: 4 },
    { arbitrary: fc.string({ maxLength: 60 }).map(encodeURIComponent), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent), weight: 1 },
    { arbitrary: fc.constantFrom('..', '%2F..%2F', '%00', '%E0%A4%A', '%zz', 'a'.repeat(300)), weight: 1 },
  );

const dateTime = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-01-01T00:00:00', '2026-01-01T00:00:00+01:00', 'yesterday', '2026-02-30T00:00:00Z'),
);
const queryValue = fc.oneof(
  fc.nat({ max: 500 }).map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }),
);

const query = (paginated: boolean) =>
  fc
    .record(
      {
        ...(paginated
          ? { offset: queryValue, limit: queryValue, date_from: dateTime, date_to: dateTime }
          : {}),
        unknown_param: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    )
    .map((q) => {
      const s = new URLSearchParams(Object.entries(q) as Array<[string, string]>).toString();
      return s ? `?${s}` : '';
    });

/** Body fields that name our objects: mostly known ids and real dates, so requests get past the lookups. */
const BODY_HINTS: Hints = {
  location_id: fc.constant('LOC-001'),
  evse_uid: fc.constantFrom('LOC-001-EVSE-01', 'LOC-001-EVSE-02', 'LOC-001-EVSE-03'),
  connector_id: fc.constant('1'),
  country_code: fc.constant('DE'),
  party_id: fc.constant('PTP'),
  location_ids: fc.constant(['LOC-001']),
  last_updated: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
};

const body = (schema: JsonSchema | undefined) =>
  fc.oneof(
    {
      arbitrary: schema ? valid(schema, 0, BODY_HINTS).map((v) => JSON.stringify(v)) : fc.constant(undefined),
      weight: 3,
    },
    {
      arbitrary: schema
        ? mutated(schema, BODY_HINTS).map((v) => JSON.stringify(v) ?? '')
        : fc.constant(undefined),
      weight: 3,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: wrongValue.map((v) => (typeof v === 'string' ? v : String(v))), weight: 1 },
    {
      arbitrary: fc.constantFrom('', '{', '{"a":', '[1,2', 'null', '"x"', '{"__proto__":{"x":1}}'),
      weight: 1,
    },
  );

type Auth = 'C' | 'C-raw' | 'A' | 'admin' | 'none';
const auth: fc.Arbitrary<Auth | string> = fc.oneof(
  { arbitrary: fc.constant<Auth>('C'), weight: 6 },
  { arbitrary: fc.constantFrom<Auth>('C-raw', 'A', 'admin', 'none'), weight: 2 },
  { arbitrary: fc.string({ maxLength: 80 }).map((s) => `Token ${s}`), weight: 1 },
  { arbitrary: fc.string({ maxLength: 80 }), weight: 1 },
);

const request = (op: Operation) =>
  fc.record({
    op: fc.constant(op),
    method: fc.oneof(
      { arbitrary: fc.constant(op.method), weight: 8 },
      { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), weight: 1 },
    ),
    params: fc.tuple(...op.params.map(segment)),
    query: query(op.paginated),
    body: body(op.body),
    auth,
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      undefined,
    ),
    extraHeaders: fc.record(
      {
        'X-Request-ID': fc.string({ maxLength: 300 }),
        'X-Correlation-ID': fc.string({ maxLength: 80 }),
        'OCPI-from-country-code': fc.string({ maxLength: 4 }),
        'OCPI-from-party-id': fc.string({ maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
  });

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '');

describe('fuzz: no request can produce a 5xx, a crash or a malformed answer', () => {
  it(`every operation of the OpenAPI document and the operator API (${RUNS} requests)`, async () => {
    expect(operations.length).toBeGreaterThan(30);
    const statuses = new Map<number, number>();
    const violations: string[] = [];
    let sent = 0;
    let successes = 0;
    const arbitrary = fc.constantFrom(...operations).chain(request);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (r) => {
        let path = r.op.path;
        r.op.params.forEach((name, i) => (path = path.replace(`{${name}}`, r.params[i] ?? 'x')));
        // never unregister the peer the rest of the run authenticates with
        const authValue =
          r.method === 'DELETE' && r.op.path.endsWith('/credentials') && r.auth.startsWith('C')
            ? 'none'
            : r.auth;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.extraHeaders)) headers[k] = printable(v);
        if (r.op.admin && authValue.startsWith('C')) headers['authorization'] = `Bearer ${ADMIN_TOKEN}`;
        else if (authValue === 'C') headers['authorization'] = encodeTokenHeader(ptp.cpoToken ?? '');
        else if (authValue === 'C-raw') headers['authorization'] = `Token ${ptp.cpoToken ?? ''}`;
        else if (authValue === 'A') headers['authorization'] = encodeTokenHeader(tokenA);
        else if (authValue === 'admin') headers['authorization'] = `Bearer ${ADMIN_TOKEN}`;
        else if (authValue !== 'none') headers['authorization'] = printable(authValue);
        if (r.contentType) headers['content-type'] = r.contentType;
        const withBody = r.method !== 'GET' && r.body !== undefined;
        const what = `${r.method} ${path}${r.query}${withBody ? ` body=${r.body?.slice(0, 120)}` : ''}`;
        let res: Response;
        try {
          res = await fetch(`${h.gateway.url}${path}${r.query}`, {
            method: r.method,
            headers,
            ...(withBody ? { body: r.body } : {}),
            signal: AbortSignal.timeout(15_000),
          });
        } catch (err) {
          violations.push(`${what}: no answer (${(err as Error).message})`);
          return true;
        }
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        for (const problem of check(r.op, r.method, res, text))
          violations.push(`${what} -> ${res.status}: ${problem}`);
        if (res.status < 300 && text.includes('"status_code":1')) successes++;
        return true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const health = await fetch(`${h.gateway.url}/health`);
    expect(health.status).toBe(200);
    process.stdout.write(
      `fuzz: ${sent} requests over ${operations.length} operations, ${successes} successful, HTTP statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, 5xx: ${[...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)}, violations: ${violations.length}\n`,
    );
    expect(violations.slice(0, 20)).toEqual([]);
    expect(sent).toBe(RUNS);
  }, 600_000);
});

/** What is wrong with one answer (nothing, ideally). */
function check(op: Operation, method: string, res: Response, text: string): string[] {
  if (res.status >= 500) return [`server error ${text.slice(0, 200)}`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [`not JSON: ${text.slice(0, 100)}`];
  }
  const problems: string[] = [];
  const code = body['status_code'];
  if (typeof code !== 'number' || !Number.isInteger(code))
    return [`no OCPI status_code: ${text.slice(0, 100)}`];
  if (typeof body['timestamp'] !== 'string' || !/Z$/.test(body['timestamp'] as string))
    problems.push('no OCPI timestamp');
  const failed = res.status >= 400 || code >= 2000;
  if (failed) {
    if (code < 2000 || code > 3999) problems.push(`error with status_code ${code}`);
    if (typeof body['status_message'] !== 'string' || body['status_message'] === '')
      problems.push('error without status_message');
  } else if (code < 1000 || code > 1999) {
    problems.push(`success with status_code ${code}`);
  }
  if (!failed && method === op.method && op.data) {
    const parsed = op.data.safeParse(body['data']);
    if (!parsed.success)
      problems.push(`data violates the OCPI schema: ${parsed.error.message.slice(0, 200)}`);
  }
  if (!failed && method === op.method && op.paginated) {
    if (!res.headers.get('x-total-count') || !res.headers.get('x-limit'))
      problems.push('paging headers missing');
  }
  return problems;
}
