import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBillingCli } from './billing-cli.app';

/** A real HTTP server standing in for the admin API: records requests, answers by path. */
function adminStub(): Promise<{
  server: Server;
  url: string;
  seen: Array<{ url: string; auth?: string; body: string }>;
}> {
  const seen: Array<{ url: string; auth?: string; body: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        url: req.url ?? '',
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
        body,
      });
      if (req.headers.authorization !== 'Bearer secret-token-123456') {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":{"code":"ADMIN.UNAUTHORIZED","message":"Bearer admin token required"}}');
      } else if (req.url?.includes('format=csv')) {
        res
          .writeHead(200, { 'content-type': 'text/csv' })
          .end('date,authorization_reference\r\n2026-03-12,ref-1\r\n');
      } else if (req.url?.startsWith('/admin/reconciliation')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"date":"2026-03-12","rows":[]}');
      } else if (req.url?.startsWith('/admin/cdrs/unknown')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"error":{"code":"BILLING.NOT_FOUND","message":"nothing billed for unknown"}}');
      } else {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"error":{"code":"BILLING.INVALID_REQUEST","message":"reason is required"}}');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

describe('billing CLI (npm run -s billing -- ...)', () => {
  let stub: Awaited<ReturnType<typeof adminStub>>;
  beforeAll(async () => (stub = await adminStub()));
  afterAll(() => new Promise<void>((r) => stub.server.close(() => r())));

  async function cli(args: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runBillingCli(
      args,
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      {
        env: { BILLING_URL: stub.url, ADMIN_TOKEN: 'secret-token-123456', ...env },
        fetch,
        timeoutMs: 5_000,
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it.each([
    [['reconcile'], /--date is required/],
    [['reconcile', '--date', '2026-02-30'], /calendar date/],
    [['reconcile', '--date', '12-03-2026'], /calendar date/],
    [['reconcile', '--date', '2026-03-12', '--format', 'xml'], /--format must be json or csv/],
    [['reconcile', '--date', '2026-03-12', '--colour', 'red'], /unknown option --colour/],
    [['refund'], /unknown command "refund"/],
    [['cdr', '--ref', 'r', '--party', 'NLPTP'], /--party must look like NL-PTP/],
    [['reconcile', '--date'], /--date needs a value/],
  ])('bad input %j -> exit 2 with a clear message, no request', async (args, message) => {
    const before = stub.seen.length;
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(stub.seen.length).toBe(before);
  });

  it('reconcile prints the JSON report, with the Bearer token', async () => {
    const r = await cli(['reconcile', '--date', '2026-03-12']);
    expect(r).toEqual({ code: 0, out: JSON.stringify({ date: '2026-03-12', rows: [] }, null, 2), err: '' });
    expect(stub.seen.at(-1)).toMatchObject({
      url: '/admin/reconciliation?date=2026-03-12&format=json',
      auth: 'Bearer secret-token-123456',
    });
  });

  it('reconcile --format csv prints the CSV as served', async () => {
    const r = await cli(['reconcile', '--date', '2026-03-12', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('date,authorization_reference\r\n2026-03-12,ref-1');
  });

  it('credit-note POSTs the reason; a 400 from the service is bad input (exit 2)', async () => {
    const r = await cli(['credit-note', '--invoice', 'NLTPC-INV-00000001', '--reason', 'x y']);
    expect(stub.seen.at(-1)).toMatchObject({
      url: '/admin/invoices/NLTPC-INV-00000001/credit-note',
      body: '{"reason":"x y"}',
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/BILLING.INVALID_REQUEST: reason is required/);
  });

  it.each([
    [
      'a wrong token',
      ['reconcile', '--date', '2026-03-12', '--token', 'nope'],
      /HTTP 401 ADMIN.UNAUTHORIZED/,
    ],
    ['an unknown reference', ['cdr', '--ref', 'unknown'], /HTTP 404 BILLING.NOT_FOUND/],
    [
      'an unreachable service',
      ['reconcile', '--date', '2026-03-12', '--url', 'http://127.0.0.1:1'],
      /cannot reach http:\/\/127.0.0.1:1/,
    ],
  ])('%s -> exit 1 with the reason', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });
});
