import {
  Cdr221,
  Cdr230,
  CommandResult,
  encodeTokenHeader,
  ocpiError,
  ocpiSuccess,
  parseOcpi,
  locationSchemaFor,
  Session221,
  Session230,
  tariffSchemaFor,
  tokenCandidates,
  type Cdr,
  type CommandResult as CommandResultT,
  type Location,
  type OcpiVersion,
  type Tariff221,
  type Tariff230,
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
  /** Locations the CPO PUT, by `country_code/party_id/location_id`. */
  locations: Map<string, Location>;
  /** Tariffs as the CPO pushed them (PUT stores, DELETE removes), by `country_code/party_id/tariff_id`. */
  tariffs: Map<string, Tariff221 | Tariff230>;
  /** Every tariff call, in arrival order. */
  tariffCalls: Array<{ method: string; path: string; body: unknown }>;
  terminalCalls: Array<{ method: string; terminalId: string; body: Record<string, unknown> }>;
  /** Activation requests (POST terminals/activate), in arrival order. */
  terminalActivations: Array<Record<string, unknown>>;
  /** Terminal ids the CPO deactivated (POST terminals/{id}/deactivate). */
  terminalDeactivations: string[];
  /** Calls answered 503 while the simulated outage lasted (the CPO's retries). */
  refusedDuringOutage: number;
  violations: string[];
}

export interface PtpServerOptions {
  host: string;
  port: number;
  version: OcpiVersion;
  /** Modules whose RECEIVER endpoint we advertise besides sessions and cdrs (default: locations, tariffs). */
  receivers?: ReadonlyArray<'locations' | 'tariffs'>;
  /** Called after answering an activation request (the PTP then creates the Terminal on the CPO). */
  onActivation?: (activation: Record<string, unknown>) => void;
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
    locations: new Map(),
    tariffs: new Map(),
    tariffCalls: [],
    terminalCalls: [],
    terminalActivations: [],
    terminalDeactivations: [],
    refusedDuringOutage: 0,
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
    if (this.outage) {
      this.inbox.refusedDuringOutage++;
      return send(res, 503, ocpiError(3000, 'simulated outage'));
    }
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
    if (module === 'locations' && req.method === 'PATCH' && this.receives('locations')) {
      this.inbox.locationPatches.push({ path: rest.join('/'), body });
      return send(res, 200, ocpiSuccess());
    }
    if (module === 'locations' && req.method === 'PUT' && rest.length === 3 && this.receives('locations')) {
      return this.onLocationPut(rest as [string, string, string], body, res);
    }
    if (module === 'tariffs' && rest.length === 3 && this.receives('tariffs')) {
      return this.onTariff(req.method ?? 'GET', rest as [string, string, string], body, res);
    }
    if (module === 'commands' && req.method === 'POST' && rest[0]) {
      const parsed = parseOcpi(CommandResult, body);
      if (!parsed.ok) this.inbox.violations.push(`CommandResult: ${parsed.message}`);
      const list = this.inbox.commandResults.get(rest[0]) ?? [];
      list.push(body as CommandResultT);
      this.inbox.commandResults.set(rest[0], list);
      return send(res, 200, ocpiSuccess());
    }
    if (module === 'payments' && rest[0] === 'terminals' && req.method === 'POST') {
      if (rest.length === 2 && rest[1] === 'activate') {
        const activation = (body ?? {}) as Record<string, unknown>;
        if (typeof activation['last_updated'] !== 'string')
          this.inbox.violations.push('Terminal activation without last_updated');
        this.inbox.terminalActivations.push(activation);
        send(res, 200, ocpiSuccess());
        this.opts.onActivation?.(activation);
        return;
      }
      if (rest.length === 3 && rest[2] === 'deactivate' && rest[1]) {
        this.inbox.terminalDeactivations.push(rest[1]);
        return send(res, 200, ocpiSuccess());
      }
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

  private receives(module: 'locations' | 'tariffs'): boolean {
    return (this.opts.receivers ?? ['locations', 'tariffs']).includes(module);
  }

  /** mod_locations receiver PUT: the whole Location; the URL's ids must be the object's. */
  private onLocationPut(ids: [string, string, string], body: unknown, res: ServerResponse): void {
    const parsed = parseOcpi(locationSchemaFor(this.opts.version), body);
    if (!parsed.ok) {
      this.inbox.violations.push(`Location PUT: ${parsed.message}`);
      return send(res, 200, ocpiError(2001, parsed.message));
    }
    const location = parsed.value as Location;
    const mismatch = sameIds(ids, [location.country_code, location.party_id, location.id]);
    if (mismatch) {
      this.inbox.violations.push(`Location PUT: ${mismatch}`);
      return send(res, 200, ocpiError(2001, mismatch));
    }
    this.inbox.locations.set(ids.join('/').toUpperCase(), location);
    return send(res, 200, ocpiSuccess());
  }

  /** mod_tariffs receiver: GET / PUT (full object, URL ids = object's) / DELETE of one Tariff. */
  private onTariff(method: string, ids: [string, string, string], body: unknown, res: ServerResponse): void {
    const key = ids.join('/').toUpperCase();
    if (method === 'GET') {
      const known = this.inbox.tariffs.get(key);
      return known ? send(res, 200, ocpiSuccess(known)) : send(res, 404, ocpiError(2000, 'unknown tariff'));
    }
    this.inbox.tariffCalls.push({ method, path: ids.join('/'), body });
    if (method === 'DELETE') {
      if (body !== undefined) this.inbox.violations.push('Tariff DELETE with a body');
      if (!this.inbox.tariffs.delete(key)) return send(res, 404, ocpiError(2000, 'unknown tariff'));
      return send(res, 200, ocpiSuccess());
    }
    if (method !== 'PUT') return send(res, 405, ocpiError(2000, `${method} is not part of mod_tariffs`));
    const parsed = parseOcpi(tariffSchemaFor(this.opts.version), body);
    if (!parsed.ok) {
      this.inbox.violations.push(`Tariff PUT: ${parsed.message}`);
      return send(res, 200, ocpiError(2001, parsed.message));
    }
    const tariff = parsed.value as Tariff221 | Tariff230;
    const mismatch = sameIds(ids, [tariff.country_code, tariff.party_id, tariff.id]);
    if (mismatch) {
      this.inbox.violations.push(`Tariff PUT: ${mismatch}`);
      return send(res, 200, ocpiError(2001, mismatch));
    }
    const created = !this.inbox.tariffs.has(key);
    this.inbox.tariffs.set(key, tariff);
    return send(res, created ? 201 : 200, ocpiSuccess());
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
      ...(this.opts.receivers ?? ['locations', 'tariffs']).map((m) => ({
        identifier: m,
        role: 'RECEIVER',
        url: `${base}/${m}`,
      })),
      { identifier: 'sessions', role: 'RECEIVER', url: `${base}/sessions` },
      { identifier: 'cdrs', role: 'RECEIVER', url: `${base}/cdrs` },
      { identifier: 'commands', role: 'SENDER', url: `${base}/commands` },
    ];
    if (this.opts.version === '2.3.0')
      endpoints.push({ identifier: 'payments', role: 'SENDER', url: `${base}/payments` });
    return { version: this.opts.version, endpoints };
  }
}

/** Client-owned object URLs: country code, party id and object id in the URL must be the object's (2001). */
function sameIds(url: readonly string[], object: readonly string[]): string | undefined {
  const names = ['country_code', 'party_id', 'id'];
  const diff = names.filter((_, i) => url[i]?.toUpperCase() !== object[i]?.toUpperCase());
  return diff.length === 0 ? undefined : `URL and object differ in ${diff.join(', ')}`;
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
