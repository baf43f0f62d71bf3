import { join } from 'node:path';
import { TariffChangedV1, type EventEnvelope, type TariffChangedPayload } from '@tapcharge/contracts';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace } from '@tapcharge/testing';
import { startTariffService, type RunningTariffService } from '../src/adapters/tariff-service.app';
import { TariffEnv, type TariffConfig } from '../src/config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const DEMO_SEED = join(REPO_ROOT, 'deploy/seed/tariffs.json');

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/** A tariff-service in-process on a free port, against the real Kafka and FerretDB, in its own namespace. */
export class TariffServiceHarness {
  service: RunningTariffService | undefined;
  readonly recorder: EventRecorder;

  constructor(
    readonly namespace = uniqueNamespace('tariff'),
    private readonly env: Record<string, string> = {},
  ) {
    this.recorder = new EventRecorder(kafkaBrokers(), [TariffChangedV1], namespace);
  }

  config(env: Record<string, string> = {}): TariffConfig {
    const infra = infraEnv();
    return TariffEnv.parse({
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      MONGO_URL: infra.MONGO_URL,
      NAMESPACE: this.namespace,
      TARIFF_PORT: '0',
      TARIFF_HOST: '127.0.0.1',
      ADMIN_TOKEN,
      TARIFFS_SEED: DEMO_SEED,
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      ...this.env,
      ...env,
    });
  }

  /** Starts (or restarts) the service; the recorder starts with the first run and keeps recording. */
  async start(env: Record<string, string> = {}): Promise<RunningTariffService> {
    const config = this.config(env);
    this.service = await startTariffService(
      config,
      createLogger({ service: 'tariff-service-test', level: config.LOG_LEVEL }),
    );
    return this.service;
  }

  /** After the first `start` (which creates the topic); reads the topic from the beginning. */
  async startRecorder(): Promise<void> {
    await this.recorder.start();
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  /** Stops everything and drops the namespace's database. */
  async stop(): Promise<void> {
    await this.stopService();
    await this.recorder.stop();
    const conn = await connectMongo({
      url: infraEnv().MONGO_URL,
      dbName: 'tariff_service',
      namespace: this.namespace,
    });
    await conn.dropDatabase();
    await conn.close();
  }

  async http<T = unknown>(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: string; token?: string | null; contentType?: string } = {},
  ): Promise<HttpResult<T>> {
    if (!this.service) throw new Error('service not started');
    const headers: Record<string, string> = {};
    const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const res = await fetch(`${this.service.url}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics): keep the text
    }
    return { status: res.status, body: body as T };
  }

  /** TariffChanged events of one tariff in topic order. */
  changes(tariffId: string): TariffChangedPayload[] {
    return this.recorder
      .events('TariffChanged')
      .map((e: EventEnvelope) => e.payload as TariffChangedPayload)
      .filter((p) => p.tariffId === tariffId);
  }

  waitForChange(pred: (p: TariffChangedPayload) => boolean, description: string): Promise<EventEnvelope> {
    return this.recorder.waitFor((e) => pred(e.payload as TariffChangedPayload), 20_000, description);
  }
}
