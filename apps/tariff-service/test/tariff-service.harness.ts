import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TariffChangedV1, type EventEnvelope, type TariffChangedPayload } from '@tapcharge/contracts';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace } from '@tapcharge/testing';
import { startTariffService, type RunningTariffService } from '../src/adapters/tariff-service.app';
import { TariffEnv, type TariffConfig } from '../src/config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
const DEMO_DIR = join(REPO_ROOT, 'libs/tariff-engine/test/vectors/demo');

/** Connectors per demo tariff in the test seed (the demo location's six EVSEs, like deploy/seed). */
export const TEST_SEED_ASSIGNMENTS: Record<string, string[]> = {
  'DEMO-PREAUTH-230': ['LOC-001/LOC-001-EVSE-01/1', 'LOC-001/LOC-001-EVSE-04/1'],
  'DEMO-SIMPLE-KWH': ['LOC-001/LOC-001-EVSE-02/1', 'LOC-001/LOC-001-EVSE-05/1'],
  'DEMO-KWH-TIME-PARKING': ['LOC-001/LOC-001-EVSE-03/1'],
  'DEMO-FLAT-STEP': ['LOC-001/LOC-001-EVSE-06/1'],
};

/**
 * The seed the integration tests start with: the four demo tariffs of the engine (deploy/seed/tariffs.json
 * is checked by a unit test; the deployment may add tariffs to it without breaking these tests).
 */
export function writeTestSeed(dir: string): string {
  const byId = new Map(
    readdirSync(DEMO_DIR).map((f) => {
      const t = JSON.parse(readFileSync(join(DEMO_DIR, f), 'utf8')) as Record<string, unknown>;
      return [t['id'] as string, t] as const;
    }),
  );
  const tariffs = Object.entries(TEST_SEED_ASSIGNMENTS).map(([id, appliesTo]) => ({
    tariff: byId.get(id),
    appliesTo,
  }));
  const file = join(dir, 'tariffs.json');
  writeFileSync(file, JSON.stringify({ tariffs }));
  return file;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/** A tariff-service in-process on a free port, against the real Kafka and FerretDB, in its own namespace. */
export class TariffServiceHarness {
  service: RunningTariffService | undefined;
  readonly recorder: EventRecorder;
  /** A scratch directory of this harness (the test seed lives there). */
  readonly dir = mkdtempSync(join(tmpdir(), 'tariff-it-'));
  readonly seedFile = writeTestSeed(this.dir);

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
      TARIFFS_SEED: this.seedFile,
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
    rmSync(this.dir, { recursive: true, force: true });
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
