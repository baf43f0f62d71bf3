import { Schema, type Connection, type Model } from 'mongoose';
import type { TransactionRecord, TransactionStore } from '../../application/ports/transaction-store.port';

interface TransactionDoc extends TransactionRecord {
  /** 1.6: `16|<startKey>` (idempotent retried starts); 2.0.1: `<station>|<transactionId>`. */
  _id: string;
}

const TransactionSchema = new Schema<TransactionDoc>(
  {
    _id: { type: String, required: true },
    stationId: { type: String, required: true },
    transactionId: { type: String, required: true },
    protocol: { type: String, required: true },
    ocppEvseId: Number,
    ocppConnectorId: Number,
    idTag: String,
    sessionId: String,
    correlationId: String,
    authorizationReference: String,
    meterStartWh: Number,
    startedAt: String,
    startKey: String,
    stoppedAt: String,
  },
  { collection: 'transactions', versionKey: false },
);
TransactionSchema.index({ stationId: 1, transactionId: 1 }, { unique: true });

interface CounterDoc {
  _id: string;
  seq: number;
}
const CounterSchema = new Schema<CounterDoc>(
  { _id: String, seq: Number },
  { collection: 'counters', versionKey: false },
);

const MAX_TIME_MS = 5_000;
const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;
const strip = ({ _id: _ignored, ...r }: TransactionDoc): TransactionRecord => r;

/**
 * Transactions the gateway has seen. 1.6 transactionIds come from a shared counter taken in blocks (one
 * store write per `blockSize` transactions, unique across instances; ids are not dense, which OCPP does
 * not require).
 */
export class MongoTransactionRepository implements TransactionStore {
  private readonly model: Model<TransactionDoc>;
  private readonly counters: Model<CounterDoc>;
  private block = { next: 0, last: -1 };
  private allocating: Promise<void> | undefined;

  constructor(
    conn: Connection,
    private readonly blockSize = 100,
  ) {
    this.model = conn.model<TransactionDoc>('Transaction', TransactionSchema);
    this.counters = conn.model<CounterDoc>('Counter', CounterSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async startOrReplay16(
    input: Omit<TransactionRecord, 'transactionId'>,
  ): Promise<{ record: TransactionRecord; created: boolean }> {
    const _id = `16|${input.startKey}`;
    const existing = await this.model.findById(_id).lean<TransactionDoc>().maxTimeMS(MAX_TIME_MS).exec();
    if (existing) return { record: strip(existing), created: false };
    const record: TransactionRecord = { ...input, transactionId: String(await this.nextId()) };
    try {
      await this.model.create({ _id, ...record });
      return { record, created: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const raced = await this.model.findById(_id).lean<TransactionDoc>().maxTimeMS(MAX_TIME_MS).exec();
      if (!raced) throw err;
      return { record: strip(raced), created: false };
    }
  }

  async record201(record: TransactionRecord): Promise<{ record: TransactionRecord; created: boolean }> {
    try {
      await this.model.create({ _id: `${record.stationId}|${record.transactionId}`, ...record });
      return { record, created: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const existing = await this.find(record.stationId, record.transactionId);
      if (!existing) throw err;
      return { record: existing, created: false };
    }
  }

  async find(stationId: string, transactionId: string): Promise<TransactionRecord | undefined> {
    const doc = await this.model
      .findOne({ stationId, transactionId })
      .lean<TransactionDoc>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    return doc ? strip(doc) : undefined;
  }

  async markStopped(stationId: string, transactionId: string, stoppedAt: string): Promise<void> {
    await this.model
      .updateOne({ stationId, transactionId }, { $set: { stoppedAt } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
  }

  private async nextId(): Promise<number> {
    while (this.block.next > this.block.last) {
      this.allocating ??= this.allocateBlock().finally(() => {
        this.allocating = undefined;
      });
      await this.allocating;
    }
    return this.block.next++;
  }

  private async allocateBlock(): Promise<void> {
    const doc = await this.counters
      .findOneAndUpdate(
        { _id: 'ocpp16-transaction-id' },
        { $inc: { seq: this.blockSize } },
        { upsert: true, new: true },
      )
      .lean<CounterDoc>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    if (!doc) throw new Error('transaction id counter did not answer');
    this.block = { next: doc.seq - this.blockSize + 1, last: doc.seq };
  }
}
