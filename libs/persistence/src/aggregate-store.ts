import type { EventEnvelope } from '@tapcharge/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { KeyedMutex } from './keyed-mutex';

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
  /**
   * How a version-guarded write is made (default: detected from the server, see `writeModeOf`).
   * `guarded-filter`: one replace filtered on `{_id, version}` (MongoDB: atomic and indexed).
   * `read-then-write`: read the version by `_id`, then write by `_id` alone (FerretDB v1, ADR 0011).
   */
  writeMode?: WriteMode;
}

export type WriteMode = 'guarded-filter' | 'read-then-write';

const detectedModes = new WeakMap<object, Promise<WriteMode>>();

/**
 * FerretDB v1's SQLite backend turns only a filter of exactly `{_id: <value>}` into an indexed lookup; any
 * other filter, `{_id, version}` included, decodes every document of the collection in Go. A guarded write
 * therefore costs a full scan there (measured: 1.6 cores of FerretDB at 25 session writes/s), and FerretDB's
 * guard is not atomic anyway (see KeyedMutex). Ask the server once per connection which one it is.
 */
export function writeModeOf(conn: Connection): Promise<WriteMode> {
  const db = conn.db;
  if (!db) return Promise.resolve('guarded-filter');
  let mode = detectedModes.get(db);
  if (!mode) {
    mode = db
      .admin()
      .command({ buildInfo: 1 })
      .then((info) => (info['ferretdbVersion'] !== undefined ? 'read-then-write' : 'guarded-filter'))
      .catch(() => {
        // Unreachable right now: the atomic filter is correct everywhere (only slow on FerretDB); ask again next time.
        detectedModes.delete(db);
        return 'guarded-filter' as const;
      });
    detectedModes.set(db, mode);
  }
  return mode;
}

const DUPLICATE_KEY = 11000;

export class AggregateStore<S> {
  private readonly collection: Collection<AggregateDocument<S>>;
  private readonly limit: number;
  private readonly timeout: number;
  private readonly mode: () => Promise<WriteMode>;
  /** read-then-write: one check-and-write per document at a time in this process. */
  private readonly writes = new KeyedMutex();

  constructor(conn: Connection, collectionName: string, opts: AggregateStoreOptions = {}) {
    this.collection = conn.collection<AggregateDocument<S>>(collectionName) as unknown as Collection<
      AggregateDocument<S>
    >;
    this.limit = opts.processedIdsLimit ?? 500;
    this.timeout = opts.opTimeoutMs ?? 10_000;
    const fixed = opts.writeMode;
    this.mode = fixed ? () => Promise.resolve(fixed) : () => writeModeOf(conn);
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
    if ((await this.mode()) === 'read-then-write') {
      // `$in` is a full scan on FerretDB v1; lookups by `_id` are indexed.
      const found = await Promise.all([...new Set(ids)].map((id) => this.load(id)));
      for (const agg of found) if (agg) out.set(agg.id, agg);
      return out;
    }
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
      const matched = await this.guarded(next.id, expectedVersion, (filter) =>
        this.collection.replaceOne(filter as never, doc as never, { maxTimeMS: this.timeout } as never),
      );
      if (!matched) throw new ConcurrencyError(next.id, expectedVersion);
    }
    return { id: next.id, version, state: next.state, processedEventIds, outbox: next.outbox };
  }

  /** Empties the outbox after its events were published, unless the aggregate moved on meanwhile. */
  clearOutbox(id: string, version: number): Promise<boolean> {
    return this.guarded(id, version, (filter) =>
      this.collection.updateOne(
        filter as never,
        { $set: { outbox: [], hasOutbox: false } } as never,
        { maxTimeMS: this.timeout } as never,
      ),
    );
  }

  /**
   * A write that applies only while the document is at `version`; resolves whether it applied. On
   * `read-then-write` stores the version is read by `_id` first, and the check and the write of one document
   * run one at a time in this process; a writer in another process can still slip between them, which Kafka
   * partition ownership (one engine per session) rules out in normal operation (ADR 0011).
   */
  private async guarded(
    id: string,
    version: number,
    write: (filter: Record<string, unknown>) => Promise<{ matchedCount: number }>,
  ): Promise<boolean> {
    if ((await this.mode()) === 'guarded-filter')
      return (await write({ _id: id, version })).matchedCount === 1;
    return this.writes.run(id, async () => {
      const current = await this.collection.findOne({ _id: id } as never, {
        maxTimeMS: this.timeout,
        projection: { version: 1 },
      });
      if (current?.version !== version) return false;
      return (await write({ _id: id })).matchedCount === 1;
    });
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
