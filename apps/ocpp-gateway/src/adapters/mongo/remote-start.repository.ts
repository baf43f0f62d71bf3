import { Schema, type Connection, type Model } from 'mongoose';
import type { PendingRemoteStart, RemoteStartRegistry } from '../../application/ports/remote-start.port';

interface RemoteStartDoc extends PendingRemoteStart {
  _id: string;
}

const RemoteStartSchema = new Schema<RemoteStartDoc>(
  {
    _id: { type: String, required: true },
    stationId: { type: String, required: true },
    remoteStartId: Number,
    idTag: String,
    ocppEvseId: Number,
    ocppConnectorId: Number,
    sessionId: String,
    commandId: String,
    correlationId: String,
    authorizationReference: String,
    requestedAt: { type: String, required: true },
  },
  { collection: 'remote_starts', versionKey: false },
);
RemoteStartSchema.index({ requestedAt: 1 });

const MAX_TIME_MS = 5_000;

/**
 * Pending remote starts, matched in memory (every StartTransaction asks, local starts included, so the
 * store is not asked per frame). Stored too, and reloaded periodically, so a start sent by one instance
 * matches on another after a restart or a charger reconnecting elsewhere (within `refreshEveryMs`).
 */
export class MongoRemoteStartRepository implements RemoteStartRegistry {
  private readonly model: Model<RemoteStartDoc>;
  private byStation = new Map<string, PendingRemoteStart[]>();
  private timer: NodeJS.Timeout | undefined;
  private lastPrune = 0;

  constructor(
    conn: Connection,
    private readonly windowMs = 15 * 60_000,
  ) {
    this.model = conn.model<RemoteStartDoc>('RemoteStart', RemoteStartSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async warm(refreshEveryMs = 5_000): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), refreshEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async remember(start: PendingRemoteStart): Promise<void> {
    this.add(start);
    await this.model
      .updateOne({ _id: `${start.stationId}|${start.remoteStartId}` }, { $set: start }, { upsert: true })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
  }

  async match(q: {
    stationId: string;
    remoteStartId?: number;
    idTag?: string;
    ocppEvseId?: number;
  }): Promise<PendingRemoteStart | undefined> {
    const cutoff = Date.now() - this.windowMs;
    const candidates = (this.byStation.get(q.stationId) ?? []).filter(
      (s) => Date.parse(s.requestedAt) >= cutoff,
    );
    const newestFirst = [...candidates].reverse();
    if (q.remoteStartId !== undefined) {
      const exact = newestFirst.find((s) => s.remoteStartId === q.remoteStartId);
      if (exact) return exact;
    }
    return newestFirst.find(
      (s) =>
        q.idTag !== undefined &&
        s.idTag === q.idTag &&
        (q.ocppEvseId === undefined || s.ocppEvseId === 0 || s.ocppEvseId === q.ocppEvseId),
    );
  }

  private add(start: PendingRemoteStart): void {
    const list = (this.byStation.get(start.stationId) ?? []).filter(
      (s) => s.remoteStartId !== start.remoteStartId,
    );
    list.push(start);
    this.byStation.set(start.stationId, list);
  }

  private async reload(): Promise<void> {
    const since = new Date(Date.now() - this.windowMs).toISOString();
    const docs = await this.model
      .find({ requestedAt: { $gte: since } })
      .sort({ requestedAt: 1 })
      .lean<RemoteStartDoc[]>()
      .maxTimeMS(30_000)
      .exec();
    const fresh = new Map<string, PendingRemoteStart[]>();
    for (const { _id: _ignored, ...d } of docs)
      fresh.set(d.stationId, [...(fresh.get(d.stationId) ?? []), d]);
    // Keep what this instance remembered after the query started.
    for (const [station, list] of this.byStation) {
      for (const s of list) {
        const known = fresh.get(station) ?? [];
        if (!known.some((k) => k.remoteStartId === s.remoteStartId)) fresh.set(station, [...known, s]);
      }
    }
    this.byStation = fresh;
    // Starts older than the window never match again; without pruning, every reload would scan a
    // collection that grows by one document per remote start forever.
    if (Date.now() - this.lastPrune > this.windowMs / 3) {
      this.lastPrune = Date.now();
      await this.model
        .deleteMany({ requestedAt: { $lt: since } })
        .maxTimeMS(30_000)
        .exec();
    }
  }
}
