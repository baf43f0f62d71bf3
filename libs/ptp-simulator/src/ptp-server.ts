import {
  Cdr221,
  Cdr230,
  CommandResult,
  encodeTokenHeader,
  ocpiError,
  ocpiSuccess,
  parseOcpi,
  Session221,
  Session230,
  tokenCandidates,
  type Cdr,
  type CommandResult as CommandResultT,
  type OcpiVersion,
  type Session,
} from '@tapcharge/ocpi';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the CPO pushed to the simulated PTP, plus every schema violation it noticed in those pushes. */
export interface PtpInbox {
  sessions: Map<string, Session>;
  sessionCalls: Array<{ method: string; id: string; body: unknown }>;
  cdrs: Cdr[];
  commandResults: Map<string, CommandResultT[]>;
  locationPatches: Array<{ path: string; body: unknown }>;
  terminalCalls: Array<{ method: string; terminalId: string; body: Record<string, unknown> }>;
  violations: string[];
}

export interface PtpServerOptions {
  host: string;
  port: number;
  version: OcpiVersion;
  /** The token (B) the CPO must present; set once registration begins. */
  expectedToken: () => string | undefined;
}

/**
 * The PTP's own OCPI endpoints (node:http, no framework): versions, version details, sessions/cdrs/locations
 * receivers, the commands response_url and the payments terminals (Sender) the CPO updates.
 */
export class PtpServer {
  readonly inbox: PtpInbox = {
    sessions: new Map(),
    sessionCalls: [],
    cdrs: [],
    commandResults: new Map(),
    locationPatches: [],
    terminalCalls: [],
    violations: [],
  };
  private server: Server | undefined;
  private baseUrl = '';
  /** While true every call answers HTTP 503 (to exercise the CPO's retries). */
  outage = false;

  constructor(private readonly opts: PtpServerOptions) {}

  get versionsUrl(): string {
    return `${this.baseUrl}/ptp/versions`;
  }

  get base(): string {
    return this.baseUrl;
  }

  responseUrl(ref: string): string {
    return `${this.baseUrl}/ptp/${this.opts.version}/commands/${encodeURIComponent(ref)}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => send(res, 500, ocpiError(3000, (err as Error).message)));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.opts.port, this.opts.host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://${this.opts.host}:${port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.outage) return send(res, 503, ocpiError(3000, 'simulated outage'));
    const url = new URL(req.url ?? '/', this.baseUrl);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const expected = this.opts.expectedToken();
    if (!expected || !tokenCandidates(req.headers.authorization).includes(expected)) {
      return send(res, 401, ocpiError(2000, 'Invalid or missing token'));
    }
    if (req.headers.authorization !== encodeTokenHeader(expected))
      this.inbox.violations.push('Authorization header not base64');
    const body = await readJson(req);
    const v = this.opts.version;
    const [root, version, module, ...rest] = parts;
    if (root !== 'ptp') return send(res, 404, ocpiError(2000, 'not found'));
    if (version === 'versions')
      return send(res, 200, ocpiSuccess([{ version: v, url: `${this.baseUrl}/ptp/${v}` }]));
    if (version !== v) return send(res, 404, ocpiError(2000, 'unknown version'));
    if (module === undefined) return send(res, 200, ocpiSuccess(this.versionDetails()));
    if (module === 'sessions' && rest.length === 3 && (req.method === 'PUT' || req.method === 'PATCH')) {
      return this.onSession(req.method, rest[2] as string, body, res);
    }
    if (module === 'cdrs' && req.method === 'POST') return this.onCdr(body, res);
    if (module === 'locations' && req.method === 'PATCH') {
      this.inbox.locationPatches.push({ path: rest.join('/'), body });
      return send(res, 200, ocpiSuccess());
    }
    if (module === 'commands' && req.method === 'POST' && rest[0]) {
      const parsed = parseOcpi(CommandResult, body);
      if (!parsed.ok) this.inbox.violations.push(`CommandResult: ${parsed.message}`);
      const list = this.inbox.commandResults.get(rest[0]) ?? [];
      list.push(body as CommandResultT);
      this.inbox.commandResults.set(rest[0], list);
      return send(res, 200, ocpiSuccess());
    }
    if (
      module === 'payments' &&
      rest[0] === 'terminals' &&
      rest[1] &&
      (req.method === 'PUT' || req.method === 'PATCH')
    ) {
      this.inbox.terminalCalls.push({
        method: req.method,
        terminalId: rest[1],
        body: body as Record<string, unknown>,
      });
      return send(res, 200, ocpiSuccess());
    }
    return send(res, 404, ocpiError(2000, `no route for ${req.method} ${url.pathname}`));
  }

  private onSession(method: string, id: string, body: unknown, res: ServerResponse): void {
    this.inbox.sessionCalls.push({ method, id, body });
    const schema = this.opts.version === '2.2.1' ? Session221 : Session230;
    if (method === 'PUT') {
      const parsed = parseOcpi(schema, body);
      if (!parsed.ok) {
        this.inbox.violations.push(`Session PUT: ${parsed.message}`);
        return send(res, 200, ocpiError(2001, parsed.message));
      }
      this.inbox.sessions.set(id, parsed.value as Session);
      return send(res, 201, ocpiSuccess());
    }
    const known = this.inbox.sessions.get(id);
    if (!known) return send(res, 404, ocpiError(2001, 'unknown session: PUT it first'));
    const merged = { ...known, ...(body as object) };
    const parsed = parseOcpi(schema, merged);
    if (!parsed.ok) this.inbox.violations.push(`Session PATCH: ${parsed.message}`);
    if (!(body as { last_updated?: unknown }).last_updated)
      this.inbox.violations.push('Session PATCH without last_updated');
    this.inbox.sessions.set(id, merged as Session);
    return send(res, 200, ocpiSuccess());
  }

  private onCdr(body: unknown, res: ServerResponse): void {
    const parsed = parseOcpi(this.opts.version === '2.2.1' ? Cdr221 : Cdr230, body);
    if (!parsed.ok) {
      this.inbox.violations.push(`CDR: ${parsed.message}`);
      return send(res, 200, ocpiError(2001, parsed.message));
    }
    const cdr = parsed.value as Cdr;
    if (this.inbox.cdrs.some((c) => c.id === cdr.id))
      this.inbox.violations.push(`CDR ${cdr.id} received twice`);
    else this.inbox.cdrs.push(cdr);
    res.setHeader('Location', `${this.baseUrl}/ptp/${this.opts.version}/cdrs/${encodeURIComponent(cdr.id)}`);
    return send(res, 201, ocpiSuccess());
  }

  private versionDetails() {
    const base = `${this.baseUrl}/ptp/${this.opts.version}`;
    const endpoints = [
      { identifier: 'credentials', role: 'SENDER', url: `${base}/credentials` },
      { identifier: 'locations', role: 'RECEIVER', url: `${base}/locations` },
      { identifier: 'sessions', role: 'RECEIVER', url: `${base}/sessions` },
      { identifier: 'cdrs', role: 'RECEIVER', url: `${base}/cdrs` },
      { identifier: 'commands', role: 'SENDER', url: `${base}/commands` },
    ];
    if (this.opts.version === '2.3.0')
      endpoints.push({ identifier: 'payments', role: 'SENDER', url: `${base}/payments` });
    return { version: this.opts.version, endpoints };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
