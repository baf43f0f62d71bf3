import type { EventEnvelope } from '@tapcharge/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/** An outgoing event stored with the state change that caused it (transactional outbox in one document). */
export interface OutboxEntry {
  eventId: string;
  /** The envelope as JSON: FerretDB v1 refuses nested arrays and `$`/`.` keys, a string never trips on them. */
  json: string;
}

/**
 * One aggregate = one document: its state, a version for optimistic concurrency, the ids of the events it
 * already handled (bounded) and the events it still has to publish. A single-document write is atomic on
 * FerretDB v1 too, which has no multi-document transactions (DESIGN.md §4).
 */
export interface Aggregate<S> {
  id: string;
  version: number;
  state: S;
  processedEventIds: string[];
  outbox: OutboxEntry[];
}

interface AggregateDocument<S> {
  _id: string;
  version: number;
  state: S;
  processedEventIds: string[];
  outbox: OutboxEntry[];
  hasOutbox: boolean;
  updatedAt: Date;
}

export class ConcurrencyError extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(`aggregate ${aggregateId} changed since version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export interface AggregateStoreOptions {
  /** How many handled event ids each aggregate remembers (default 500). */
  processedIdsLimit?: number;
  /** Server-side deadline per operation (ms). */
  opTimeoutMs?: number;
}

const DUPLICATE_KEY = 11000;

export class AggregateStore<S> {
  private readonly collection: Collection<AggregateDocument<S>>;
  private readonly limit: number;
  private readonly timeout: number;

  constructor(conn: Connection, collectionName: string, opts: AggregateStoreOptions = {}) {
    this.collection = conn.collection<AggregateDocument<S>>(collectionName) as unknown as Collection<
      AggregateDocument<S>
    >;
    this.limit = opts.processedIdsLimit ?? 500;
    this.timeout = opts.opTimeoutMs ?? 10_000;
  }

  /** Creates the index the outbox relay needs. Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ hasOutbox: 1 });
  }

  async load(id: string): Promise<Aggregate<S> | undefined> {
    const doc = await this.collection.findOne({ _id: id } as never, { maxTimeMS: this.timeout });
    return doc ? toAggregate(doc as AggregateDocument<S>) : undefined;
  }

  async loadMany(ids: readonly string[]): Promise<Map<string, Aggregate<S>>> {
    const out = new Map<string, Aggregate<S>>();
    if (ids.length === 0) return out;
    const docs = await this.collection
      .find({ _id: { $in: [...ids] } } as never, { maxTimeMS: this.timeout })
      .toArray();
    for (const d of docs) out.set(String(d._id), toAggregate(d as AggregateDocument<S>));
    return out;
  }

  /**
   * Writes the new state, the handled event ids and the outbox in one atomic replace, if nobody wrote since
   * `expectedVersion` (0 = the aggregate must not exist yet). Returns the stored aggregate (version + 1).
   */
  async save(next: Omit<Aggregate<S>, 'version'>, expectedVersion: number): Promise<Aggregate<S>> {
    const version = expectedVersion + 1;
    const processedEventIds = next.processedEventIds.slice(-this.limit);
    const doc = {
      _id: next.id,
      version,
      state: next.state,
      processedEventIds,
      outbox: next.outbox,
      hasOutbox: next.outbox.length > 0,
      updatedAt: new Date(),
    };
    if (expectedVersion === 0) {
      try {
        await this.collection.insertOne(doc as never);
      } catch (err) {
        if ((err as { code?: number }).code === DUPLICATE_KEY)
          throw new ConcurrencyError(next.id, expectedVersion);
        throw err;
      }
    } else {
      const res = await this.collection.replaceOne(
        { _id: next.id, version: expectedVersion } as never,
        doc as never,
        {
          maxTimeMS: this.timeout,
        } as never,
      );
      if (res.matchedCount !== 1) throw new ConcurrencyError(next.id, expectedVersion);
    }
    return { id: next.id, version, state: next.state, processedEventIds, outbox: next.outbox };
  }

  /** Empties the outbox after its events were published, unless the aggregate moved on meanwhile. */
  async clearOutbox(id: string, version: number): Promise<boolean> {
    const res = await this.collection.updateOne(
      { _id: id, version } as never,
      { $set: { outbox: [], hasOutbox: false } } as never,
      { maxTimeMS: this.timeout } as never,
    );
    return res.matchedCount === 1;
  }

  /** Aggregates whose outbox was not (known to be) published: the relay's crash-recovery scan. */
  async withPendingOutbox(limit = 100): Promise<Aggregate<S>[]> {
    const docs = await this.collection
      .find({ hasOutbox: true } as never, { maxTimeMS: this.timeout, limit })
      .toArray();
    return docs.map((d) => toAggregate(d as AggregateDocument<S>));
  }

  async count(filter: Record<string, unknown> = {}): Promise<number> {
    return this.collection.countDocuments(filter as never, { maxTimeMS: this.timeout });
  }

  /** Raw access for read queries on state fields (`state.x`); writes go through `save`. */
  async find(
    filter: Record<string, unknown>,
    opts: { limit?: number; skip?: number; sort?: Record<string, 1 | -1> } = {},
  ): Promise<Aggregate<S>[]> {
    const cursor = this.collection.find(filter as never, { maxTimeMS: this.timeout });
    if (opts.sort) cursor.sort(opts.sort);
    if (opts.skip) cursor.skip(opts.skip);
    if (opts.limit) cursor.limit(opts.limit);
    return (await cursor.toArray()).map((d) => toAggregate(d as AggregateDocument<S>));
  }
}

function toAggregate<S>(d: AggregateDocument<S>): Aggregate<S> {
  return {
    id: String(d._id),
    version: d.version,
    state: d.state,
    processedEventIds: d.processedEventIds ?? [],
    outbox: d.outbox ?? [],
  };
}

export function toOutbox(events: readonly EventEnvelope[]): OutboxEntry[] {
  return events.map((e) => ({ eventId: e.eventId, json: JSON.stringify(e) }));
}

export function fromOutbox(entries: readonly OutboxEntry[]): EventEnvelope[] {
  return entries.map((e) => JSON.parse(e.json) as EventEnvelope);
}
