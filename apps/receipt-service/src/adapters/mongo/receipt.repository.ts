import { AggregateStore, ConcurrencyError, pingMongo } from '@tapcharge/persistence';
import type { Connection } from 'mongoose';
import {
  ReceiptConflictError,
  type ReceiptRepository,
  type StoredReceipt,
} from '../../application/ports/receipt-repository.port';
import type { ReceiptState } from '../../domain/receipt';

const COLLECTION = 'receipts';

/**
 * Receipts as aggregates (`_id` = authorization_reference): state, version and the applied event ids in one
 * document, written with one atomic replace. Receipts publish nothing, so the outbox stays empty.
 */
export class MongoReceiptRepository implements ReceiptRepository {
  private readonly store: AggregateStore<ReceiptState>;

  constructor(private readonly conn: Connection) {
    this.store = new AggregateStore<ReceiptState>(conn, COLLECTION, {
      processedIdsLimit: 200,
      opTimeoutMs: 5_000,
    });
  }

  async load(reference: string): Promise<StoredReceipt | undefined> {
    const agg = await this.store.load(reference);
    return agg
      ? { state: agg.state, version: agg.version, processedEventIds: agg.processedEventIds }
      : undefined;
  }

  async save(state: ReceiptState, processedEventIds: string[], expectedVersion: number): Promise<void> {
    try {
      await this.store.save(
        { id: state.authorizationReference, state, processedEventIds, outbox: [] },
        expectedVersion,
      );
    } catch (err) {
      if (err instanceof ConcurrencyError) throw new ReceiptConflictError(state.authorizationReference);
      throw err;
    }
  }

  ping(): Promise<boolean> {
    return pingMongo(this.conn);
  }
}
