import { toOcpiDateTime } from '@tapcharge/ocpi';
import type { Logger } from '@tapcharge/logging';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { PushStats } from '../../application/ports/push-stats.port';
import { collection, COLLECTIONS, OP_TIMEOUT_MS } from './collections';

interface StatDoc {
  _id: string;
  lastOkAt: string;
}

/**
 * Last successful push per peer: exact in memory, written to the store at most every `writeEveryMs` per
 * peer (FerretDB manages ~200 writes/s; a push burst must not turn into as many writes). After a restart the
 * stored value is at most that much older than the truth.
 */
export class MongoPushStats implements PushStats {
  private readonly col: Collection<StatDoc>;
  private readonly latest = new Map<string, string>();
  private readonly writtenAt = new Map<string, number>();

  constructor(
    conn: Connection,
    private readonly logger: Logger,
    private readonly writeEveryMs = 5_000,
  ) {
    this.col = collection<StatDoc>(conn, COLLECTIONS.pushStats);
  }

  delivered(peerId: string, at: Date): void {
    const stamp = toOcpiDateTime(at);
    this.latest.set(peerId, stamp);
    const last = this.writtenAt.get(peerId) ?? 0;
    if (at.getTime() - last < this.writeEveryMs) return;
    this.writtenAt.set(peerId, at.getTime());
    this.col
      .replaceOne({ _id: peerId }, { lastOkAt: stamp }, { upsert: true, maxTimeMS: OP_TIMEOUT_MS } as never)
      .catch((err: unknown) => this.logger.warn({ err, peerId }, 'push statistics not stored'));
  }

  async lastDelivered(): Promise<Map<string, string>> {
    const docs = await this.col.find({}, { maxTimeMS: OP_TIMEOUT_MS }).limit(10_000).toArray();
    const out = new Map(docs.map((d) => [d._id, d.lastOkAt]));
    for (const [peerId, at] of this.latest) {
      const stored = out.get(peerId);
      if (stored === undefined || Date.parse(stored) < Date.parse(at)) out.set(peerId, at);
    }
    return out;
  }
}
