import { createEvent, EVENTS, type EventDefinition, type PayloadOf } from '@tapcharge/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@tapcharge/kafka';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { infraEnv, uniqueNamespace, waitFor } from '@tapcharge/testing';
import type { Connection } from 'mongoose';
import { startReceiptService, type RunningReceiptService } from '../src/adapters/receipt.app';
import { RECEIPT_EVENTS } from '../src/application/receipt-event.mapper';
import { MongoReceiptRepository } from '../src/adapters/mongo/receipt.repository';
import { ReceiptEnv } from '../src/config';

/** Real Kafka + FerretDB in a unique namespace, the receipt service in-process on port 0, and a publisher. */
export class ReceiptHarness {
  service!: RunningReceiptService;
  readonly namespace = uniqueNamespace('receipt');
  private publisher!: EventPublisher;
  private conn: Connection | undefined;

  async start(env: Record<string, string> = {}): Promise<void> {
    const { KAFKA_BROKERS, MONGO_URL } = infraEnv();
    const kafka = createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'receipt-test' });
    await ensureTopics(
      kafka,
      RECEIPT_EVENTS.map((d) => d.topic),
      { namespace: this.namespace },
    );
    this.publisher = new EventPublisher(kafka, { namespace: this.namespace });
    await this.publisher.start();
    const config = ReceiptEnv.parse({
      KAFKA_BROKERS,
      MONGO_URL,
      NAMESPACE: this.namespace,
      RECEIPT_PORT: '0',
      RECEIPT_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SSE_POLL_MS: '1000',
      ...env,
    });
    this.service = await startReceiptService(
      config,
      createLogger({ service: 'receipt-test', level: 'warn' }),
    );
    await waitFor(async () => (await fetch(`${this.service.url}/ready`)).status === 200, {
      timeoutMs: 60_000,
      description: 'receipt service ready (store + Kafka group joined)',
    });
  }

  /** Waits until the projection stored the reference, reading the store directly (no HTTP, no rate limit). */
  async stored(ref: string): Promise<void> {
    this.conn ??= await connectMongo({
      url: infraEnv().MONGO_URL,
      dbName: 'receipt_service',
      namespace: this.namespace,
    });
    const repo = new MongoReceiptRepository(this.conn);
    await waitFor(async () => (await repo.load(ref)) !== undefined, {
      timeoutMs: 30_000,
      description: `receipt ${ref} stored`,
    });
  }

  async stop(): Promise<void> {
    await this.conn?.close();
    await this.service?.close();
    await this.publisher?.stop();
  }

  /** Publishes an event and returns it (tests re-publish the same envelope to prove idempotency). */
  async publish<D extends EventDefinition>(def: D, payload: PayloadOf<D>, eventId?: string) {
    const event = createEvent(def, payload, { producer: 'receipt-test' });
    if (eventId) event.eventId = eventId;
    await this.publisher.publish(event);
    return event;
  }

  async republish(event: Parameters<EventPublisher['publish']>[0]): Promise<void> {
    await this.publisher.publish(event);
  }

  url(ref: string, suffix = ''): string {
    return `${this.service.url}/receipts/${encodeURIComponent(ref)}${suffix}`;
  }

  async page(ref: string, lang = 'en'): Promise<{ status: number; html: string; headers: Headers }> {
    const res = await fetch(this.url(ref), { headers: { 'accept-language': lang } });
    return { status: res.status, html: await res.text(), headers: res.headers };
  }

  /** Polls the page until its HTML satisfies `pred` (events are applied asynchronously). */
  async pageWhere(ref: string, pred: (html: string) => boolean, description: string, lang = 'en') {
    return waitFor(
      async () => {
        const p = await this.page(ref, lang);
        return p.status === 200 && pred(p.html) ? p : undefined;
      },
      { timeoutMs: 30_000, description },
    );
  }
}

export { EVENTS };
