import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '@tapcharge/logging';
import type { StationPresence } from '../../application/ports/station-presence.port';

interface PresenceDoc {
  _id: string;
  instanceId: string;
  at: Date;
}
interface InstanceDoc {
  _id: string;
  seenAt: Date;
}

const PresenceSchema = new Schema<PresenceDoc>(
  { _id: String, instanceId: String, at: Date },
  { collection: 'presence', versionKey: false },
);
const InstanceSchema = new Schema<InstanceDoc>(
  { _id: String, seenAt: Date },
  { collection: 'instances', versionKey: false },
);

const MAX_TIME_MS = 5_000;
/** FerretDB v1 hangs on bulkWrite of 100+ operations (DESIGN.md §4). */
const CHUNK = 50;

/**
 * Station -> gateway instance, in the store. Writes are behind (batched, in order): a connect never
 * waits for the store, and 10,000 chargers reconnecting cost 200 bulk writes, not 10,000 round trips.
 * Instances announce liveness; a crashed instance's entries stop counting after `staleAfterMs`.
 */
export class MongoPresenceRepository implements StationPresence {
  private readonly presence: Model<PresenceDoc>;
  private readonly instances: Model<InstanceDoc>;
  private pending = new Map<string, 'up' | 'down'>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    conn: Connection,
    private readonly instanceId: string,
    private readonly log: Logger,
    private readonly staleAfterMs = 30_000,
  ) {
    this.presence = conn.model<PresenceDoc>('Presence', PresenceSchema);
    this.instances = conn.model<InstanceDoc>('Instance', InstanceSchema);
  }

  async start(flushEveryMs = 200): Promise<void> {
    await this.beat();
    let ticks = 0;
    this.timer = setInterval(() => {
      void this.flush();
      if (++ticks % Math.max(1, Math.round(this.staleAfterMs / 3 / flushEveryMs)) === 0)
        void this.beat().catch(() => undefined);
    }, flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    await this.presence.deleteMany({ instanceId: this.instanceId }).maxTimeMS(MAX_TIME_MS).exec();
    await this.instances.deleteOne({ _id: this.instanceId }).maxTimeMS(MAX_TIME_MS).exec();
  }

  connected(stationId: string): void {
    this.pending.set(stationId, 'up');
  }

  disconnected(stationId: string): void {
    this.pending.set(stationId, 'down');
  }

  async ownerOf(stationId: string): Promise<string | undefined> {
    const doc = await this.presence.findById(stationId).lean<PresenceDoc>().maxTimeMS(MAX_TIME_MS).exec();
    if (!doc) return undefined;
    if (doc.instanceId === this.instanceId) return this.instanceId;
    const owner = await this.instances
      .findById(doc.instanceId)
      .lean<InstanceDoc>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    return owner && Date.now() - new Date(owner.seenAt).getTime() < this.staleAfterMs
      ? doc.instanceId
      : undefined;
  }

  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending].slice(0, CHUNK);
      for (const [id] of batch) this.pending.delete(id);
      const now = new Date();
      try {
        await this.presence.bulkWrite(
          batch.map(([stationId, state]) =>
            state === 'up'
              ? {
                  updateOne: {
                    filter: { _id: stationId },
                    update: { $set: { instanceId: this.instanceId, at: now } },
                    upsert: true,
                  },
                }
              : { deleteOne: { filter: { _id: stationId, instanceId: this.instanceId } } },
          ),
          { ordered: true, timeoutMS: MAX_TIME_MS },
        );
      } catch (err) {
        this.log.warn({ err, operations: batch.length }, 'presence write failed; retrying');
        for (const [id, state] of batch) if (!this.pending.has(id)) this.pending.set(id, state);
        return;
      }
    }
  }

  private async beat(): Promise<void> {
    await this.instances
      .updateOne({ _id: this.instanceId }, { $set: { seenAt: new Date() } }, { upsert: true })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
  }
}
