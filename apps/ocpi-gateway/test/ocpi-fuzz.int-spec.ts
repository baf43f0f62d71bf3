import { encodeTokenHeader } from '@tapcharge/ocpi';
import type { PtpSimulator } from '@tapcharge/ptp-simulator';
import fc from 'fast-check';
import { GatewayHarness } from './gateway-harness';

/**
 * Fuzz (fast-check) over HTTP against the real gateway: random and mutated bodies, paths, queries and
 * headers. The property: no request gets a 5xx, and the gateway keeps answering.
 */
const h = new GatewayHarness();
let ptp: PtpSimulator;
const RUNS = Number(process.env['OCPI_FUZZ_RUNS'] ?? 1500);

beforeAll(async () => {
  await h.start();
  await h.publishDemoTariff();
  ptp = await h.registeredPtp();
}, 120_000);

afterAll(() => h.stop(), 60_000);

const validStart = () => ({
  response_url: 'http://127.0.0.1:9/cmd/1',
  token: { country_code: 'DE', party_id: 'PTP', uid: 'u', type: 'AD_HOC_USER', contract_id: 'c' },
  location_id: 'LOC-001',
  evse_uid: 'LOC-001-EVSE-01',
  connector_id: '1',
  authorization_reference: 'fuzz-ref',
});
const validFac = () => ({
  id: 'fac-1',
  authorization_reference: 'r',
  total_costs: { excl_vat: 1, incl_vat: 1.21 },
  currency: 'EUR',
  eft_data: ['x'],
  capture_status_code: 'SUCCESS',
  last_updated: '2026-01-01T00:00:00Z',
});

const jsonValue = fc.jsonValue({ maxDepth: 3 });
/** A valid object with one field replaced by anything (type confusion, limits, nulls...). */
const mutated = (base: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(base)),
      fc.oneof(jsonValue, fc.string({ maxLength: 300 }), fc.constant(null), fc.constant(undefined)),
    )
    .map(([k, v]) => ({ ...base, [k]: v }));
const body = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  mutated(validStart()).map((v) => JSON.stringify(v)),
  mutated(validFac()).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"a":'),
  fc.constant(''),
);
const version = fc.constantFrom('2.2.1', '2.3.0', '9.9', '%00', '..');
const path = fc.oneof(
  fc
    .tuple(
      version,
      fc.constantFrom(
        'locations',
        'tariffs',
        'sessions',
        'cdrs',
        'credentials',
        'commands/START_SESSION',
        'commands/STOP_SESSION',
        'commands/%7Bx%7D',
        'payments/terminals',
        'payments/financial-advice-confirmations',
      ),
    )
    .map(([v, m]) => `/ocpi/${v}/${m}`),
  fc
    .tuple(
      fc.constantFrom('LOC-001', 'x'.repeat(40), '%F0%9F%92%A5', '..%2F..'),
      fc.option(fc.string({ maxLength: 40 }).map(encodeURIComponent), { nil: undefined }),
    )
    .map(([l, e]) => `/ocpi/2.3.0/locations/${l}${e === undefined ? '' : `/${e}`}`),
  fc.string({ maxLength: 60 }).map((s) => `/ocpi/${encodeURIComponent(s)}`),
  fc.constantFrom('/ocpi/versions', '/ocpi/2.3.0', '/admin/peers', '/ocpi/openapi.json'),
);
const weightedPath = fc.oneof(
  { arbitrary: path, weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '/ocpi/2.3.0/commands/START_SESSION',
      '/ocpi/2.3.0/payments/financial-advice-confirmations',
      '/ocpi/2.3.0/commands/STOP_SESSION',
      '/ocpi/2.3.0/payments/terminals',
    ),
    weight: 1,
  },
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .record(
      {
        offset: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
        limit: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
        date_from: fc.string({ maxLength: 30 }),
      },
      { requiredKeys: [] },
    )
    .map(
      (q) =>
        `?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString()}`,
    ),
);
const auth = fc.oneof(
  { arbitrary: fc.constant('valid'), weight: 6 },
  fc.constant('raw'),
  fc.constant(undefined),
  fc.string({ maxLength: 80 }).map((s) => `Token ${s}`),
  fc.string({ maxLength: 80 }),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE');
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/json; charset=utf-8',
  undefined,
);

describe('fuzz: no request can produce a 5xx or crash the gateway', () => {
  it(`survives ${RUNS} random requests`, async () => {
    const statuses = new Map<number, number>();
    const fiveXx: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(method, fc.constant('POST')),
        weightedPath,
        query,
        body,
        auth,
        contentType,
        async (m, p, q, b, a, ct) => {
          const headers: Record<string, string> = {};
          if (a === 'valid') headers['authorization'] = encodeTokenHeader(ptp.cpoToken!);
          else if (a === 'raw') headers['authorization'] = `Token ${ptp.cpoToken!}`;
          else if (a !== undefined) headers['authorization'] = a.replace(/[^\x20-\x7e]/g, '');
          if (ct) headers['content-type'] = ct;
          const res = await fetch(`${h.gateway.url}${p}${q}`, {
            method: m,
            headers,
            ...(m === 'GET' || m === 'DELETE' ? {} : { body: b }),
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) fiveXx.push(`${m} ${p}${q} ${res.status}`);
          return res.status < 500;
        },
      ),
      { numRuns: RUNS, seed: Number(process.env['OCPI_FUZZ_SEED'] ?? 20261124) },
    );
    const health = await fetch(`${h.gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(fiveXx).toEqual([]);
    process.stdout.write(
      `fuzz: ${RUNS} requests, HTTP statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, 5xx: ${fiveXx.length}\n`,
    );
  }, 300_000);
});
