import {
  AnyOcpiResponse,
  CommandResponse,
  Credentials,
  encodeTokenHeader,
  locationSchemaFor,
  nextPageUrl,
  parseOcpi,
  tariffSchemaFor,
  toOcpiDateTime,
  Version,
  VersionDetails,
  type CommandResponse as CommandResponseT,
  type Endpoint,
  type Location,
  type OcpiVersion,
  type Session,
  type Tariff221,
  type Tariff230,
} from '@tapcharge/ocpi';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PtpServer, type PtpInbox } from './ptp-server';

export interface PtpSimulatorOptions {
  countryCode?: string;
  partyId?: string;
  /** How the PTP names itself in credentials: `OTHER` (the spec's enum has no PTP) or `PTP`. */
  role?: 'OTHER' | 'PTP';
  version?: OcpiVersion;
  /** Modules whose RECEIVER endpoint the PTP advertises besides sessions and cdrs (default: locations, tariffs). */
  receivers?: ReadonlyArray<'locations' | 'tariffs'>;
  host?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface CallResult {
  httpStatus: number;
  body: AnyOcpiResponse | undefined;
  headers: Headers;
}

export interface PriceDisplay {
  tariff: Tariff221 | Tariff230;
  lines: string[];
  preauthorizeAmount: number | undefined;
}

/**
 * A scripted Payment Terminal Provider speaking OCPI to the CPO, written from the spec: registers with the
 * credentials handshake, discovers endpoints, reads Locations and Tariffs, starts and stops sessions,
 * receives pushed Sessions, CDRs and CommandResults on its own server, and confirms payments.
 */
export class PtpSimulator {
  readonly countryCode: string;
  readonly partyId: string;
  readonly version: OcpiVersion;
  private readonly server: PtpServer;
  private readonly log: (line: string) => void;
  private tokenB: string | undefined;
  private tokenC: string | undefined;
  private endpoints: Endpoint[] = [];
  private invoiceBaseUrl: string | undefined;

  constructor(private readonly opts: PtpSimulatorOptions = {}) {
    this.countryCode = opts.countryCode ?? 'DE';
    this.partyId = opts.partyId ?? 'PTP';
    this.version = opts.version ?? '2.3.0';
    this.log = opts.log ?? (() => undefined);
    this.server = new PtpServer({
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 0,
      version: this.version,
      ...(opts.receivers ? { receivers: opts.receivers } : {}),
      onActivation: (activation) => this.onActivation(activation),
      expectedToken: () => this.tokenB,
    });
  }

  get inbox(): PtpInbox {
    return this.server.inbox;
  }

  /** Simulates the PTP's endpoints being down (HTTP 503) or back. */
  setOutage(down: boolean): void {
    this.server.outage = down;
  }

  get versionsUrl(): string {
    return this.server.versionsUrl;
  }

  /** Token C: what this PTP presents to the CPO after registration. */
  get cpoToken(): string | undefined {
    return this.tokenC;
  }

  async start(): Promise<void> {
    await this.server.start();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** The credentials handshake with token A; afterwards every call uses token C. */
  async register(cpoVersionsUrl: string, tokenA: string): Promise<Credentials> {
    const versions = await this.getData(cpoVersionsUrl, tokenA, z.array(Version));
    const chosen = versions.find((v) => v.version === this.version);
    if (!chosen) throw new Error(`CPO does not offer ${this.version}`);
    const details = await this.getData(chosen.url, tokenA, VersionDetails);
    this.endpoints = details.endpoints;
    this.tokenB = randomBytes(24).toString('base64url');
    const res = await this.call(
      'POST',
      this.endpoint('credentials'),
      {
        token: this.tokenB,
        url: this.versionsUrl,
        roles: [
          {
            role: this.opts.role ?? 'OTHER',
            business_details: { name: 'Simulated Payment Terminal Provider' },
            party_id: this.partyId,
            country_code: this.countryCode,
          },
        ],
      },
      tokenA,
    );
    const creds = this.expectData(res, Credentials, 'credentials POST');
    this.tokenC = creds.token;
    this.log(`registered with ${creds.roles[0]?.business_details.name ?? 'CPO'} (${this.version})`);
    return creds;
  }

  /** Calls the CPO with token C (or the given token), base64 header, routing headers and request ids. */
  async call(method: string, url: string, body?: unknown, token = this.tokenC): Promise<CallResult> {
    const headers: Record<string, string> = {
      'X-Request-ID': randomUUID(),
      'X-Correlation-ID': randomUUID(),
      'OCPI-from-country-code': this.countryCode,
      'OCPI-from-party-id': this.partyId,
    };
    if (token) headers['Authorization'] = encodeTokenHeader(token);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const parsed = AnyOcpiResponse.safeParse(json);
    return { httpStatus: res.status, body: parsed.success ? parsed.data : undefined, headers: res.headers };
  }

  endpoint(module: string): string {
    const e = this.endpoints.find((x) => x.identifier === module);
    if (!e) throw new Error(`CPO advertises no ${module} endpoint`);
    return e.url.replace(/\/+$/, '');
  }

  /** All Locations, following `Link` headers page by page. */
  async listLocations(pageSize = 50): Promise<Location[]> {
    const schema = z.array(locationSchemaFor(this.version));
    const all: Location[] = [];
    let url: string | undefined = `${this.endpoint('locations')}?limit=${pageSize}`;
    while (url) {
      const res = await this.call('GET', url);
      all.push(...(this.expectData(res, schema, 'locations') as Location[]));
      url = nextPageUrl(res.headers.get('link'));
    }
    return all;
  }

  async listTariffs(): Promise<Array<Tariff221 | Tariff230>> {
    const res = await this.call('GET', this.endpoint('tariffs'));
    return this.expectData(res, z.array(tariffSchemaFor(this.version)), 'tariffs') as Array<
      Tariff221 | Tariff230
    >;
  }

  /** What the terminal shows for a connector: the tariff's alt text, components and pre-auth amount. */
  async priceFor(location: Location, evseUid: string, connectorId: string): Promise<PriceDisplay> {
    const connector = location.evses
      ?.find((e) => e.uid === evseUid)
      ?.connectors.find((c) => c.id === connectorId);
    if (!connector) throw new Error(`no connector ${evseUid}/${connectorId}`);
    const tariffs = await this.listTariffs();
    const tariff =
      tariffs.find((t) => connector.tariff_ids?.includes(t.id) && t.type === 'AD_HOC_PAYMENT') ??
      tariffs.find((t) => connector.tariff_ids?.includes(t.id));
    if (!tariff) throw new Error(`no tariff for ${evseUid}/${connectorId}`);
    const lines = (tariff.tariff_alt_text ?? []).filter((t) => t.language === 'en').map((t) => t.text);
    for (const e of tariff.elements)
      for (const c of e.price_components)
        lines.push(
          `${c.type}: ${c.price} ${tariff.currency}${c.vat !== undefined ? ` (+${c.vat}% VAT)` : ''}`,
        );
    const pre = 'preauthorize_amount' in tariff ? tariff.preauthorize_amount : undefined;
    if (pre !== undefined) lines.push(`Pre-authorisation: ${pre} ${tariff.currency}`);
    return { tariff, lines, preauthorizeAmount: pre };
  }

  /** START_SESSION with a fresh authorization_reference and a one-time AD_HOC_USER token. */
  async startSession(
    target: { locationId: string; evseUid: string; connectorId: string },
    authorizationReference = `pp-${Date.now()}-${randomBytes(3).toString('hex')}`,
  ) {
    const body = {
      response_url: this.server.responseUrl(`start-${authorizationReference}`),
      token: {
        country_code: this.countryCode,
        party_id: this.partyId,
        uid: randomUUID(),
        type: 'AD_HOC_USER',
        contract_id: authorizationReference,
        issuer: 'Simulated PTP',
        valid: true,
        whitelist: 'NEVER',
        last_updated: toOcpiDateTime(new Date()),
      },
      location_id: target.locationId,
      evse_uid: target.evseUid,
      connector_id: target.connectorId,
      authorization_reference: authorizationReference,
    };
    const res = await this.call('POST', `${this.endpoint('commands')}/START_SESSION`, body);
    const response = this.expectData(res, CommandResponse, 'START_SESSION');
    this.log(`START_SESSION ${authorizationReference}: ${response.result}`);
    return { authorizationReference, response, request: body };
  }

  async stopSession(sessionId: string): Promise<CommandResponseT> {
    const res = await this.call('POST', `${this.endpoint('commands')}/STOP_SESSION`, {
      response_url: this.server.responseUrl(`stop-${sessionId}`),
      session_id: sessionId,
    });
    const response = this.expectData(res, CommandResponse, 'STOP_SESSION');
    this.log(`STOP_SESSION ${sessionId}: ${response.result}`);
    return response;
  }

  /** The PTP creates a terminal on the CPO (Payments receiver). */
  async registerTerminal(terminalId: string = randomUUID()): Promise<CallResult> {
    return this.call('POST', `${this.endpoint('payments')}/terminals`, {
      terminal_id: terminalId,
      last_updated: toOcpiDateTime(new Date()),
    });
  }

  /**
   * What a PTP does after the CPO asked it to activate an integrated terminal (mod_payments): configure it,
   * then create it on the CPO with a terminal id of its own, keeping the CPO's reference and assignment.
   */
  private onActivation(activation: Record<string, unknown>): void {
    const terminalId =
      typeof activation['terminal_id'] === 'string'
        ? activation['terminal_id']
        : `T-${randomUUID().slice(0, 8)}`;
    const { invoice_base_url: _url, invoice_creator: _creator, ...rest } = activation;
    this.call('POST', `${this.endpoint('payments')}/terminals`, {
      ...rest,
      terminal_id: terminalId,
      last_updated: toOcpiDateTime(new Date()),
    }).then(
      (res) => this.log(`activated terminal ${terminalId}: HTTP ${res.httpStatus}`),
      (err: unknown) => this.log(`activating terminal ${terminalId} failed: ${(err as Error).message}`),
    );
  }

  /** POSTs a FinancialAdviceConfirmation after "capturing" at the PSP. */
  async confirmPayment(input: {
    authorizationReference: string;
    amountInclVat: number;
    amountExclVat: number;
    currency: string;
    priceShape?: '2.2.1' | '2.3.0';
  }): Promise<CallResult> {
    const total_costs =
      input.priceShape === '2.2.1'
        ? { excl_vat: input.amountExclVat, incl_vat: input.amountInclVat }
        : {
            before_taxes: input.amountExclVat,
            taxes: [
              { name: 'VAT', amount: Math.round((input.amountInclVat - input.amountExclVat) * 100) / 100 },
            ],
          };
    return this.call('POST', `${this.endpoint('payments')}/financial-advice-confirmations`, {
      id: randomUUID(),
      authorization_reference: input.authorizationReference,
      total_costs,
      currency: input.currency,
      eft_data: [
        'Mastercard',
        'AID: A0000000041010',
        'Nr: **** **** **** 1234',
        `Amount: ${input.currency} ${input.amountInclVat.toFixed(2)}`,
      ],
      capture_status_code: 'SUCCESS',
      last_updated: toOcpiDateTime(new Date()),
    });
  }

  /** The receipt link: invoice_base_url (set by the CPO on our terminal) + authorization_reference. */
  receiptUrl(authorizationReference: string): string | undefined {
    const fromPut = [...this.inbox.terminalCalls]
      .reverse()
      .find((c) => typeof c.body['invoice_base_url'] === 'string');
    const base = (fromPut?.body['invoice_base_url'] as string | undefined) ?? this.invoiceBaseUrl;
    return base === undefined ? undefined : `${base}${authorizationReference}`;
  }

  sessionByReference(authorizationReference: string): Session | undefined {
    return [...this.inbox.sessions.values()].find(
      (s) => s.authorization_reference === authorizationReference,
    );
  }

  /** Polls `probe` until it returns a value, or fails at the deadline. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline)
        throw new Error(`PTP simulator: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async getData<S extends z.ZodType>(url: string, token: string, schema: S): Promise<z.output<S>> {
    return this.expectData(await this.call('GET', url, undefined, token), schema, `GET ${url}`);
  }

  private expectData<S extends z.ZodType>(res: CallResult, schema: S, what: string): z.output<S> {
    if (!res.body || res.body.status_code !== 1000) {
      throw new Error(
        `${what}: HTTP ${res.httpStatus} status ${res.body?.status_code ?? '-'} ${res.body?.status_message ?? ''}`,
      );
    }
    const parsed = parseOcpi(schema, res.body.data, 'data');
    if (!parsed.ok) throw new Error(`${what}: response violates the OCPI schema: ${parsed.message}`);
    return parsed.value;
  }
}
