import { Schema, type AnyBulkWriteOperation, type Connection, type Model } from 'mongoose';
import type { OcppVersion } from '@tapcharge/ocpp';
import type { Logger } from '@tapcharge/logging';
import type { StationPresence } from '../../application/ports/station-presence.port';
import type {
  BootFacts,
  StationRuntime,
  StationStatusReader,
  StationStatusRecorder,
} from '../../application/ports/station-status.port';

/** One document per station that ever connected: who holds it now, and what it told us. */
interface PresenceDoc {
  _id: string;
  /** The instance holding the socket; null once it closed. */
  instanceId: string | null;
  connectedAt?: Date;
  disconnectedAt?: Date;
  protocol?: OcppVersion;
  lastSeenAt?: Date;
  vendor?: string;
  model?: string;
  serialNumber?: string;
  firmwareVersion?: string;
  bootedAt?: Date;
}
interface InstanceDoc {
  _id: string;
  seenAt: Date;
}
interface AnswerDoc {
  _id: string;
  instanceId: string;
  at: Date;
}

const PresenceSchema = new Schema<PresenceDoc>(
  {
    _id: String,
    instanceId: { type: String, default: null },
    connectedAt: Date,
    disconnectedAt: Date,
    protocol: String,
    lastSeenAt: Date,
    vendor: String,
    model: String,
    serialNumber: String,
    firmwareVersion: String,
    bootedAt: Date,
  },
  { collection: 'presence', versionKey: false },
);
const InstanceSchema = new Schema<InstanceDoc>(
  { _id: String, seenAt: Date },
  { collection: 'instances', versionKey: false },
);
const AnswerSchema = new Schema<AnswerDoc>(
  { _id: String, instanceId: String, at: Date },
  { collection: 'command_answers', versionKey: false },
);

const MAX_TIME_MS = 5_000;
/** FerretDB v1 hangs on bulkWrite of 100+ operations (DESIGN.md §4). */
const CHUNK = 50;
const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;

/** What is waiting to be written for one station; later calls merge into it. */
interface PendingWrite {
  ownership?: 'up' | 'down';
  set: Partial<Omit<PresenceDoc, '_id' | 'instanceId' | 'disconnectedAt'>>;
  disconnectedAt?: Date;
}

export interface PresenceOptions {
  /** An instance that has not announced itself for this long counts as dead (its stations offline). */
  staleAfterMs?: number;
  /** At most one store write per station per this period for "a frame arrived" (lastSeenAt). */
  seenWriteEveryMs?: number;
  flushEveryMs?: number;
}

/**
 * Station -> gateway instance, plus each station's last known facts, in the store. Writes are behind
 * (merged per station, batched, in order): a connect never waits for the store, and 10,000 chargers
 * reconnecting cost 200 bulk writes, not 10,000 round trips. "A frame arrived" is written at most once
 * per station per `seenWriteEveryMs` (FerretDB does ~200 writes/s); this instance keeps the exact time in
 * memory and reports it for the stations it holds. Instances announce liveness; a crashed instance's
 * stations stop counting as connected after `staleAfterMs`.
 */
export class MongoPresenceRepository implements StationPresence, StationStatusRecorder, StationStatusReader {
  private readonly presence: Model<PresenceDoc>;
  private readonly instances: Model<InstanceDoc>;
  private readonly answers: Model<AnswerDoc>;
  private pending = new Map<string, PendingWrite>();
  private readonly seenHere = new Map<string, Date>();
  private readonly seenWritten = new Map<string, number>();
  private readonly staleAfterMs: number;
  private readonly seenWriteEveryMs: number;
  private readonly flushEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    conn: Connection,
    private readonly instanceId: string,
    private readonly log: Logger,
    opts: PresenceOptions = {},
  ) {
    this.presence = conn.model<PresenceDoc>('Presence', PresenceSchema);
    this.instances = conn.model<InstanceDoc>('Instance', InstanceSchema);
    this.answers = conn.model<AnswerDoc>('CommandAnswer', AnswerSchema);
    this.staleAfterMs = opts.staleAfterMs ?? 30_000;
    this.seenWriteEveryMs = opts.seenWriteEveryMs ?? 60_000;
    this.flushEveryMs = opts.flushEveryMs ?? 200;
  }

  async start(): Promise<void> {
    // A previous life of this instance id (a restarted pod) held sockets that are gone now.
    await this.presence
      .updateMany({ instanceId: this.instanceId }, { $set: { instanceId: null } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    await this.answers
      .deleteMany({ at: { $lt: new Date(Date.now() - 86_400_000) } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    await this.beat();
    let ticks = 0;
    const beatEvery = Math.max(1, Math.round(this.staleAfterMs / 3 / this.flushEveryMs));
    this.timer = setInterval(() => {
      void this.flush();
      if (++ticks % beatEvery === 0) void this.beat().catch(() => undefined);
    }, this.flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    await this.presence
      .updateMany({ instanceId: this.instanceId }, { $set: { instanceId: null, disconnectedAt: new Date() } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    await this.instances.deleteOne({ _id: this.instanceId }).maxTimeMS(MAX_TIME_MS).exec();
  }

  connected(stationId: string, protocol: OcppVersion, at: Date): void {
    const p = this.entry(stationId);
    p.ownership = 'up';
    delete p.disconnectedAt;
    Object.assign(p.set, { protocol, connectedAt: at, lastSeenAt: at });
    this.seenHere.set(stationId, at);
    this.seenWritten.set(stationId, at.getTime());
  }

  disconnected(stationId: string, at: Date): void {
    const p = this.entry(stationId);
    p.ownership = 'down';
    p.disconnectedAt = at;
  }

  booted(stationId: string, facts: BootFacts): void {
    const p = this.entry(stationId);
    Object.assign(p.set, {
      vendor: facts.vendor,
      model: facts.model,
      serialNumber: facts.serialNumber,
      firmwareVersion: facts.firmwareVersion,
      bootedAt: facts.bootedAt,
      lastSeenAt: facts.bootedAt,
    });
    this.seenHere.set(stationId, facts.bootedAt);
    this.seenWritten.set(stationId, facts.bootedAt.getTime());
  }

  seen(stationId: string, at: Date): void {
    this.seenHere.set(stationId, at);
    const written = this.seenWritten.get(stationId) ?? 0;
    if (at.getTime() - written < this.seenWriteEveryMs) return;
    this.seenWritten.set(stationId, at.getTime());
    this.entry(stationId).set.lastSeenAt = at;
  }

  async ownerOf(stationId: string): Promise<string | undefined> {
    const doc = await this.presence.findById(stationId).lean<PresenceDoc>().maxTimeMS(MAX_TIME_MS).exec();
    if (!doc?.instanceId) return undefined;
    if (doc.instanceId === this.instanceId) return this.instanceId;
    return (await this.liveInstances()).has(doc.instanceId) ? doc.instanceId : undefined;
  }

  async claimAnswer(commandId: string): Promise<boolean> {
    try {
      await this.answers.create({ _id: commandId, instanceId: this.instanceId, at: new Date() });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  async runtimeOf(stationIds?: readonly string[]): Promise<Map<string, StationRuntime>> {
    await this.flush();
    const filter = stationIds ? { _id: { $in: [...stationIds] } } : {};
    const [docs, live] = await Promise.all([
      this.presence.find(filter).lean<PresenceDoc[]>().maxTimeMS(30_000).exec(),
      this.liveInstances(),
    ]);
    const result = new Map<string, StationRuntime>();
    for (const d of docs) {
      const connected = !!d.instanceId && (d.instanceId === this.instanceId || live.has(d.instanceId));
      const here = d.instanceId === this.instanceId ? this.seenHere.get(d._id) : undefined;
      const lastSeenAt = [d.lastSeenAt ? new Date(d.lastSeenAt) : undefined, here]
        .filter((x): x is Date => !!x)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      result.set(d._id, {
        connected,
        ...(connected && d.instanceId ? { gatewayInstance: d.instanceId } : {}),
        ...(d.protocol ? { protocol: d.protocol } : {}),
        ...(lastSeenAt ? { lastSeenAt } : {}),
        ...(d.vendor ? { vendor: d.vendor } : {}),
        ...(d.model ? { model: d.model } : {}),
        ...(d.firmwareVersion ? { firmwareVersion: d.firmwareVersion } : {}),
      });
    }
    return result;
  }

  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private entry(stationId: string): PendingWrite {
    let p = this.pending.get(stationId);
    if (!p) {
      p = { set: {} };
      this.pending.set(stationId, p);
    }
    return p;
  }

  private operations(stationId: string, p: PendingWrite): AnyBulkWriteOperation<PresenceDoc>[] {
    const ops: AnyBulkWriteOperation<PresenceDoc>[] = [];
    const set = Object.fromEntries(Object.entries(p.set).filter(([, v]) => v !== undefined));
    if (p.ownership === 'up') {
      ops.push({
        updateOne: {
          filter: { _id: stationId },
          update: { $set: { ...set, instanceId: this.instanceId } },
          upsert: true,
        },
      });
      return ops;
    }
    if (Object.keys(set).length > 0) {
      ops.push({ updateOne: { filter: { _id: stationId }, update: { $set: set }, upsert: true } });
    }
    if (p.ownership === 'down') {
      // Only if this instance still holds it: a newer connection elsewhere must not be undone.
      ops.push({
        updateOne: {
          filter: { _id: stationId, instanceId: this.instanceId },
          update: { $set: { instanceId: null, disconnectedAt: p.disconnectedAt ?? new Date() } },
        },
      });
    }
    return ops;
  }

  private async writePending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch: Array<[string, PendingWrite]> = [];
      const ops: AnyBulkWriteOperation<PresenceDoc>[] = [];
      for (const [stationId, p] of this.pending) {
        const own = this.operations(stationId, p);
        if (ops.length + own.length > CHUNK) break;
        batch.push([stationId, p]);
        ops.push(...own);
      }
      for (const [id] of batch) this.pending.delete(id);
      if (ops.length === 0) continue;
      try {
        await this.presence.bulkWrite(ops, { ordered: true, timeoutMS: MAX_TIME_MS });
      } catch (err) {
        this.log.warn({ err, operations: ops.length }, 'presence write failed; retrying');
        // Put back what was not superseded meanwhile (newer facts win when merged back).
        for (const [id, p] of batch) {
          const newer = this.pending.get(id);
          this.pending.set(
            id,
            newer
              ? { ...p, ...newer, set: { ...p.set, ...newer.set }, ownership: newer.ownership ?? p.ownership }
              : p,
          );
        }
        return;
      }
    }
  }

  private async liveInstances(): Promise<Set<string>> {
    const since = new Date(Date.now() - this.staleAfterMs);
    const docs = await this.instances
      .find({ seenAt: { $gte: since } })
      .lean<InstanceDoc[]>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    return new Set(docs.map((d) => d._id));
  }

  private async beat(): Promise<void> {
    await this.instances
      .updateOne({ _id: this.instanceId }, { $set: { seenAt: new Date() } }, { upsert: true })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
  }
}
