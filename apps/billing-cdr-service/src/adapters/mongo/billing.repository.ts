import type { EventEnvelope } from '@tapcharge/contracts';
import type { EventPublisher } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import {
  AggregateStore,
  ConcurrencyError,
  fromOutbox,
  OutboxRelay,
  toOutbox,
  type Aggregate,
} from '@tapcharge/persistence';
import type { Connection } from 'mongoose';
import {
  ConcurrencyConflict,
  type BillingRepository,
  type CommitOptions,
  type StoredRecord,
} from '../../application/ports/billing-repository.port';
import type { BillingRecord } from '../../domain/billing/billing-record';

export const RECORDS_COLLECTION = 'billing_records';
const OP_TIMEOUT_MS = 10_000;
/** One day's payments are read at once for the report; beyond this, the report says it is truncated. */
export const MAX_RECORDS_PER_DAY = 50_000;

/**
 * Billing records on @tapcharge/persistence: one document per payment (state + handled event ids +
 * outbox), version-guarded; the outbox relay publishes after each write and re-sends after a crash.
 */
export class MongoBillingRepository implements BillingRepository {
  readonly store: AggregateStore<BillingRecord>;
  readonly relay: OutboxRelay<BillingRecord>;

  constructor(
    private readonly conn: Connection,
    publisher: Pick<EventPublisher, 'publish'>,
    logger: Logger,
  ) {
    this.store = new AggregateStore<BillingRecord>(conn, RECORDS_COLLECTION, { opTimeoutMs: OP_TIMEOUT_MS });
    this.relay = new OutboxRelay(this.store, publisher, { logger, scanIntervalMs: 5_000 });
  }

  async ensureIndexes(): Promise<void> {
    await this.store.ensureIndexes();
    const c = this.conn.collection(RECORDS_COLLECTION);
    for (const field of [
      'state.authorizationReference',
      'state.businessDate',
      'state.confirmationDueAtMs',
      'state.documentDueSinceMs',
      'state.invoice.invoiceNumber',
    ]) {
      await c.createIndex({ [field]: 1 });
    }
  }

  private readonly queues = new Map<string, Promise<unknown>>();

  async serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.queues.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  async load(key: string): Promise<StoredRecord | undefined> {
    const agg = await this.store.load(key);
    return agg ? stored(agg) : undefined;
  }

  async commit(
    record: BillingRecord,
    previous: StoredRecord | undefined,
    opts: CommitOptions,
  ): Promise<void> {
    const events: EventEnvelope[] = [...(previous?.unsentEvents ?? []), ...opts.events];
    let saved: Aggregate<BillingRecord>;
    try {
      saved = await this.store.save(
        {
          id: record.key,
          state: record,
          processedEventIds: [
            ...(previous?.processedEventIds ?? []),
            ...(opts.handledEventId ? [opts.handledEventId] : []),
          ],
          outbox: toOutbox(events),
        },
        previous?.version ?? 0,
      );
    } catch (err) {
      if (err instanceof ConcurrencyError) throw new ConcurrencyConflict(record.key);
      throw err;
    }
    await this.relay.publish(saved);
  }

  async byAuthorizationReference(authorizationReference: string): Promise<BillingRecord[]> {
    return (
      await this.store.find({ 'state.authorizationReference': authorizationReference }, { limit: 20 })
    ).map((a) => a.state);
  }

  async byInvoiceNumber(invoiceNumber: string): Promise<BillingRecord | undefined> {
    return (await this.store.find({ 'state.invoice.invoiceNumber': invoiceNumber }, { limit: 1 }))[0]?.state;
  }

  async byBusinessDate(date: string): Promise<BillingRecord[]> {
    return (await this.store.find({ 'state.businessDate': date }, { limit: MAX_RECORDS_PER_DAY })).map(
      (a) => a.state,
    );
  }

  async confirmationDue(nowMs: number, limit: number): Promise<string[]> {
    return (await this.store.find({ 'state.confirmationDueAtMs': { $lte: nowMs } }, { limit })).map(
      (a) => a.id,
    );
  }

  async documentsDue(beforeMs: number, limit: number): Promise<string[]> {
    return (await this.store.find({ 'state.documentDueSinceMs': { $lte: beforeMs } }, { limit })).map(
      (a) => a.id,
    );
  }
}

function stored(agg: Aggregate<BillingRecord>): StoredRecord {
  return {
    record: agg.state,
    version: agg.version,
    processedEventIds: agg.processedEventIds,
    unsentEvents: fromOutbox(agg.outbox),
  };
}
