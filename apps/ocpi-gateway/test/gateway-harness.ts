import { createEvent, EVENTS, type EventDefinition, type EventEnvelope } from '@tapcharge/contracts';
import { createKafka, EventConsumer, EventPublisher } from '@tapcharge/kafka';
import { createLogger } from '@tapcharge/logging';
import { PtpSimulator, type PtpSimulatorOptions } from '@tapcharge/ptp-simulator';
import { infraEnv, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { startGateway, type GatewayOverrides, type RunningGateway } from '../src/adapters/gateway.app';
import { GatewayEnv, type GatewayConfig } from '../src/config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A demo AD_HOC_PAYMENT tariff (2.3.0) on every connector of LOC-001. */
export function demoTariff(lastUpdated = '2026-01-01T00:00:00Z') {
  return {
    country_code: 'NL',
    party_id: 'TPC',
    id: 'ADHOC-EUR',
    currency: 'EUR',
    type: 'AD_HOC_PAYMENT',
    tariff_alt_text: [{ language: 'en', text: '0.40 EUR/kWh excl. VAT, card payment' }],
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.4, vat: 21, step_size: 1 }] }],
    preauthorize_amount: 30,
    max_price: { before_taxes: 33.06, after_taxes: 40 },
    tax_included: 'NO',
    last_updated: lastUpdated,
  };
}

export const EVSES = ['01', '02', '03', '04', '05', '06'].map((n) => `LOC-001-EVSE-${n}`);

/** Real Kafka + FerretDB, the gateway in-process on port 0, a recorder of what it publishes, and a PTP. */
export class GatewayHarness {
  gateway!: RunningGateway;
  readonly namespace = uniqueNamespace('ocpi');
  readonly recorded: EventEnvelope[] = [];
  private publisher!: EventPublisher;
  private recorder!: EventConsumer;
  private readonly ptps: PtpSimulator[] = [];

  private config: GatewayConfig | undefined;

  async start(overrides: GatewayOverrides = {}, env: Record<string, string> = {}): Promise<void> {
    const { KAFKA_BROKERS, MONGO_URL } = infraEnv();
    const config = GatewayEnv.parse({
      KAFKA_BROKERS,
      MONGO_URL,
      NAMESPACE: this.namespace,
      OCPI_PORT: '0',
      OCPI_HOST: '127.0.0.1',
      ADMIN_TOKEN,
      PUSH_INTERVAL_MS: '50',
      PUSH_BACKOFF_BASE_MS: '100',
      PUSH_BACKOFF_MAX_MS: '500',
      INVOICE_BASE_URL: 'http://receipts.test/invoices',
      LOG_LEVEL: 'warn',
      ...env,
    });
    this.config = config;
    this.gateway = await startGateway(
      config,
      createLogger({ service: 'ocpi-gateway-test', level: 'warn' }),
      overrides,
    );
    const kafka = createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'ocpi-test' });
    this.publisher = new EventPublisher(kafka, { namespace: this.namespace });
    await this.publisher.start();
    const produced: EventDefinition[] = [
      EVENTS.StartSessionRequested,
      EVENTS.StopSessionRequested,
      EVENTS.PaymentConfirmed,
      EVENTS.TerminalRegistered,
    ];
    this.recorder = new EventConsumer(kafka, {
      groupId: `recorder-${this.namespace}`,
      namespace: this.namespace,
      events: produced,
      handle: async ({ event }) => {
        this.recorded.push(event);
      },
    });
    await this.recorder.start();
    await waitFor(async () => (await fetch(`${this.gateway.url}/ready`)).status === 200, {
      timeoutMs: 60_000,
      description: 'gateway ready',
    });
  }

  /** Stops the gateway and starts a new one on the same port, store and topics (a restart). */
  async restartGateway(): Promise<void> {
    if (!this.config) throw new Error('start() first');
    const port = Number(new URL(this.gateway.url).port);
    await this.gateway.close();
    this.gateway = await startGateway(
      { ...this.config, OCPI_PORT: port },
      createLogger({ service: 'ocpi-gateway-test', level: 'warn' }),
    );
    await waitFor(async () => (await fetch(`${this.gateway.url}/ready`)).status === 200, {
      timeoutMs: 60_000,
      description: 'restarted gateway ready',
    });
  }

  /** Calls the operator API with the admin token; answers the HTTP status and the parsed body. */
  async admin<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: { data?: T; status_code: number; status_message?: string } }> {
    const res = await fetch(`${this.gateway.url}${path}`, {
      method,
      headers: body === undefined ? { authorization: this.adminHeaders.authorization } : this.adminHeaders,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  async stop(): Promise<void> {
    for (const p of this.ptps) await p.stop();
    await this.recorder?.stop();
    await this.publisher?.stop();
    await this.gateway?.close();
  }

  readonly adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

  get versionsUrl(): string {
    return `${this.gateway.url}/ocpi/versions`;
  }

  async tokenA(): Promise<string> {
    const res = await fetch(`${this.gateway.url}/admin/peers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'test PTP' }),
    });
    const body = (await res.json()) as { data: { token_a: string } };
    return body.data.token_a;
  }

  async registeredPtp(opts: PtpSimulatorOptions = {}): Promise<PtpSimulator> {
    const ptp = new PtpSimulator(opts);
    this.ptps.push(ptp);
    await ptp.start();
    await ptp.register(this.versionsUrl, await this.tokenA());
    return ptp;
  }

  publish<D extends EventDefinition>(
    def: D,
    payload: Parameters<typeof createEvent<D>>[1],
    discriminator?: string,
  ): Promise<void> {
    return this.publisher.publish(
      createEvent(def, payload, {
        producer: 'test',
        ...(discriminator ? { idDiscriminator: discriminator } : {}),
      }),
    );
  }

  async publishDemoTariff(): Promise<void> {
    await this.publish(EVENTS.TariffChanged, {
      tariffId: 'ADHOC-EUR',
      countryCode: 'NL',
      partyId: 'TPC',
      ocpiVersion: '2.3.0',
      tariff: demoTariff(),
      appliesTo: EVSES.map((e) => `LOC-001/${e}/1`),
      lastUpdated: '2026-01-01T00:00:00Z',
    });
    await waitFor(() => this.gateway.services.tariffs.get('ADHOC-EUR'), {
      timeoutMs: 30_000,
      description: 'tariff applied',
    });
  }

  waitForEvent(
    pred: (e: EventEnvelope) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<EventEnvelope> {
    return waitFor(() => this.recorded.find(pred), { timeoutMs, description: what });
  }
}
