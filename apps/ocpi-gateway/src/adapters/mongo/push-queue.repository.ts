import type { Collection } from 'mongodb';
import { KeyedMutex } from '@tapcharge/persistence';
import type { Connection } from 'mongoose';
import type {
  EnqueueDecision,
  PushQueue,
  PushQueueDoc,
  QueueState,
} from '../../application/ports/push-queue.port';
import type { PushItem } from '../../domain/push-item';
import { collection, COLLECTIONS, isDuplicateKey, OP_TIMEOUT_MS } from './collections';

interface QueueDoc {
  _id: string;
  rev: number;
  partyKey: string;
  items: PushItem[];
  /** JSON: the state may hold shapes FerretDB v1 refuses (nested arrays). */
  state: string;
  processedIds: string[];
  /** When the head item is due; null = empty queue. */
  nextAttemptAt: Date | null;
  leaseUntil: Date;
}

const PROCESSED_LIMIT = 200;
const MAX_CAS_ATTEMPTS = 20;
const EPOCH = new Date(0);

/**
 * The push queue, one document per key: items, key state and handled event ids change together in one
 * compare-and-swap replace on `rev` (FerretDB v1 has no transactions; single-document writes are atomic).
 */
export class MongoPushQueue implements PushQueue {
  private readonly col: Collection<QueueDoc>;
  /** FerretDB v1 lets concurrent guarded replaces both "win": one read-modify-write per key at a time here. */
  private readonly locks = new KeyedMutex();

  constructor(
    conn: Connection,
    private readonly onEnqueued: () => void = () => undefined,
  ) {
    this.col = collection<QueueDoc>(conn, COLLECTIONS.pushQueue);
  }

  enqueue(
    key: string,
    partyKey: string,
    causeId: string,
    decide: (state: QueueState, pending: readonly PushItem[]) => EnqueueDecision | undefined,
  ): Promise<void> {
    return this.locks.run(key, () => this.enqueueLocked(key, partyKey, causeId, decide));
  }

  private async enqueueLocked(
    key: string,
    partyKey: string,
    causeId: string,
    decide: (state: QueueState, pending: readonly PushItem[]) => EnqueueDecision | undefined,
  ): Promise<void> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const doc = await this.col.findOne({ _id: key }, { maxTimeMS: OP_TIMEOUT_MS });
      if (doc?.processedIds.includes(causeId)) return;
      const state = doc ? (JSON.parse(doc.state) as QueueState) : {};
      const current = doc?.items ?? [];
      const decision = decide(state, current);
      const processedIds = [...(doc?.processedIds ?? []), causeId].slice(-PROCESSED_LIMIT);
      let items = current;
      if (decision) {
        // the head may be in flight (leased) or mid-retry: only items after it may be replaced
        const [head, ...rest] = current;
        const headBusy =
          head !== undefined && (head.attempts > 0 || (doc?.leaseUntil ?? EPOCH).getTime() > Date.now());
        const kept = decision.replacePending
          ? headBusy
            ? [head, ...decision.replacePending(rest)]
            : decision.replacePending(current)
          : current;
        items = [...kept, ...decision.items];
      }
      const next: QueueDoc = {
        _id: key,
        rev: (doc?.rev ?? 0) + 1,
        partyKey,
        items,
        state: JSON.stringify(decision?.state ?? state),
        processedIds,
        nextAttemptAt: items.length === 0 ? null : (doc?.nextAttemptAt ?? new Date()),
        leaseUntil: doc?.leaseUntil ?? EPOCH,
      };
      if (await this.write(next, doc?.rev)) {
        if (decision && decision.items.length > 0) this.onEnqueued();
        return;
      }
    }
    throw new Error(`push queue ${key}: too much contention`);
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<PushQueueDoc[]> {
    const due = await this.col
      .find({ nextAttemptAt: { $lte: now }, leaseUntil: { $lt: now } }, { maxTimeMS: OP_TIMEOUT_MS })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .toArray();
    const claimed: PushQueueDoc[] = [];
    for (const candidate of due) {
      // Re-read under the key's lock: the list above may be stale, and the guarded write alone is not enough
      // on FerretDB v1.
      const doc = await this.locks.run(candidate._id, async () => {
        const fresh = await this.col.findOne({ _id: candidate._id }, { maxTimeMS: OP_TIMEOUT_MS });
        if (!fresh || fresh.rev !== candidate.rev) return undefined;
        const leased: QueueDoc = {
          ...fresh,
          rev: fresh.rev + 1,
          leaseUntil: new Date(now.getTime() + leaseMs),
        };
        return (await this.write(leased, fresh.rev)) ? fresh : undefined;
      });
      if (doc) {
        claimed.push({
          key: doc._id,
          peerId: undefined,
          partyKey: doc.partyKey,
          items: doc.items,
          state: JSON.parse(doc.state) as QueueState,
          rev: doc.rev + 1,
        });
      }
    }
    return claimed;
  }

  complete(key: string, itemId: string, release: boolean): Promise<void> {
    return this.mutateHead(key, itemId, (doc) => {
      const items = doc.items.slice(1);
      return {
        ...doc,
        items,
        nextAttemptAt: items.length === 0 ? null : new Date(),
        leaseUntil: release ? EPOCH : doc.leaseUntil,
      };
    });
  }

  fail(key: string, itemId: string, error: string, nextAttemptAt: Date, drop: boolean): Promise<void> {
    return this.mutateHead(key, itemId, (doc) => {
      const [head, ...rest] = doc.items as [PushItem, ...PushItem[]];
      const items = drop
        ? rest
        : [{ ...head, attempts: head.attempts + 1, lastError: error.slice(0, 500) }, ...rest];
      return {
        ...doc,
        items,
        nextAttemptAt: items.length === 0 ? null : drop ? new Date() : nextAttemptAt,
        leaseUntil: EPOCH,
      };
    });
  }

  replaceHead(key: string, itemId: string, replacement: PushItem): Promise<void> {
    return this.mutateHead(key, itemId, (doc) => ({
      ...doc,
      items: [replacement, ...doc.items.slice(1)],
      nextAttemptAt: new Date(),
      leaseUntil: EPOCH,
    }));
  }

  pendingCount(): Promise<number> {
    return this.col.countDocuments({ nextAttemptAt: { $ne: null } }, { maxTimeMS: OP_TIMEOUT_MS });
  }

  async pendingByKey(): Promise<Array<{ key: string; partyKey: string; items: number }>> {
    const docs = await this.col
      .find({ nextAttemptAt: { $ne: null } }, { maxTimeMS: OP_TIMEOUT_MS })
      .limit(100_000)
      .toArray();
    return docs.map((d) => ({ key: d._id, partyKey: d.partyKey, items: d.items.length }));
  }

  private mutateHead(key: string, itemId: string, change: (doc: QueueDoc) => QueueDoc): Promise<void> {
    return this.locks.run(key, () => this.mutateHeadLocked(key, itemId, change));
  }

  private async mutateHeadLocked(
    key: string,
    itemId: string,
    change: (doc: QueueDoc) => QueueDoc,
  ): Promise<void> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const doc = await this.col.findOne({ _id: key }, { maxTimeMS: OP_TIMEOUT_MS });
      if (!doc) return;
      // the head moved meanwhile (superseded): just release the key so its new head goes out now
      const next =
        doc.items[0]?.id === itemId
          ? change(doc)
          : { ...doc, nextAttemptAt: doc.items.length === 0 ? null : new Date(), leaseUntil: EPOCH };
      if (await this.write({ ...next, rev: doc.rev + 1 }, doc.rev)) return;
    }
    throw new Error(`push queue ${key}: too much contention`);
  }

  /** Insert (no previous rev) or replace-if-unchanged; false when another writer won. */
  private async write(doc: QueueDoc, expectedRev: number | undefined): Promise<boolean> {
    if (expectedRev === undefined) {
      try {
        await this.col.insertOne(doc);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await this.col.replaceOne({ _id: doc._id, rev: expectedRev }, doc, {
      maxTimeMS: OP_TIMEOUT_MS,
    } as never);
    return res.matchedCount === 1;
  }
}
