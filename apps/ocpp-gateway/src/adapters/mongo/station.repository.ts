import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { StationRegistry } from '../../application/ports/station-registry.port';
import type { StationRecord } from '../../domain/station';

interface StationDoc {
  _id: string;
  protocol?: 'ocpp1.6' | 'ocpp2.0.1';
  passwordHash?: string;
  enabled: boolean;
  connectors: StationRecord['connectors'];
}

const StationSchema = new Schema<StationDoc>(
  {
    _id: { type: String, required: true },
    protocol: { type: String, enum: ['ocpp1.6', 'ocpp2.0.1'] },
    passwordHash: String,
    enabled: { type: Boolean, default: true },
    connectors: [
      {
        _id: false,
        ocppEvseId: { type: Number, required: true },
        ocppConnectorId: { type: Number, required: true },
        locationId: { type: String, required: true },
        evseUid: { type: String, required: true },
        connectorId: { type: String, required: true },
      },
    ],
  },
  { collection: 'stations', versionKey: false },
);

/** One registry change, for the other instances' caches: a station id, or `all` after a bulk insert. */
interface ChangeDoc {
  _id: string;
  stationId?: string;
  all?: boolean;
  at: Date;
}

const ChangeSchema = new Schema<ChangeDoc>(
  { _id: String, stationId: String, all: Boolean, at: Date },
  { collection: 'station_changes', versionKey: false },
);

const toRecord = (d: StationDoc): StationRecord => ({
  stationId: d._id,
  ...(d.protocol ? { protocol: d.protocol } : {}),
  ...(d.passwordHash ? { passwordHash: d.passwordHash } : {}),
  enabled: d.enabled,
  connectors: d.connectors.map((c) => ({
    ocppEvseId: c.ocppEvseId,
    ocppConnectorId: c.ocppConnectorId,
    locationId: c.locationId,
    evseUid: c.evseUid,
    connectorId: c.connectorId,
  })),
});

const MAX_TIME_MS = 5_000;

export interface RegistryCacheOptions {
  /** How often to look for registry changes made by other instances (a tiny collection). */
  pollEveryMs?: number;
  /** A full reload as a safety net; it reads every station, so it is rare. */
  fullReloadEveryMs?: number;
}

/** Changes older than this are not looked at again (covers clock skew between instances). */
const CHANGE_OVERLAP_MS = 60_000;
const CHANGE_RETENTION_MS = 3_600_000;

/**
 * The station registry in mongoose, read through an in-memory copy: every WebSocket upgrade looks a
 * station up, and a reconnect storm of thousands of chargers must not become thousands of store reads
 * (FerretDB does ~200/s). The copy is loaded once; afterwards only what changed is read again. Every
 * write also appends to a small change log (`station_changes`) that all instances poll, so a password
 * rotated or a station added through one instance counts on the others within `pollEveryMs`. Reading all
 * 10,000 stations costs FerretDB seconds of CPU, so it is not repeated every few seconds. A miss still
 * asks the store, so a brand-new station can connect at once.
 */
export class MongoStationRepository implements StationRegistry {
  private readonly model: Model<StationDoc>;
  private readonly changes: Model<ChangeDoc>;
  private cache = new Map<string, StationRecord>();
  private readonly applied = new Map<string, number>();
  private lastPoll = 0;
  private lastFull = 0;
  private lastPrune = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(conn: Connection) {
    this.model = conn.model<StationDoc>('Station', StationSchema);
    this.changes = conn.model<ChangeDoc>('StationChange', ChangeSchema);
  }

  async warm(opts: RegistryCacheOptions = {}): Promise<void> {
    const fullEvery = opts.fullReloadEveryMs ?? 15 * 60_000;
    this.lastPoll = Date.now();
    // Changes made before this load are in it; mark them applied so the first poll does not redo them.
    const recent = await this.changes
      .find({ at: { $gte: new Date(this.lastPoll - CHANGE_OVERLAP_MS) } })
      .lean<ChangeDoc[]>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    for (const d of recent) this.applied.set(d._id, new Date(d.at).getTime());
    await this.reload();
    this.timer = setInterval(() => {
      this.polling ??= (Date.now() - this.lastFull >= fullEvery ? this.reload() : this.poll())
        .catch(() => undefined)
        .finally(() => {
          this.polling = undefined;
        });
    }, opts.pollEveryMs ?? 2_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async find(stationId: string): Promise<StationRecord | undefined> {
    const hit = this.cache.get(stationId);
    if (hit) return hit;
    const doc = await this.model.findById(stationId).lean<StationDoc>().maxTimeMS(MAX_TIME_MS).exec();
    if (!doc) return undefined;
    const record = toRecord(doc);
    this.cache.set(stationId, record);
    return record;
  }

  async list(): Promise<StationRecord[]> {
    const docs = await this.model.find().sort({ _id: 1 }).lean<StationDoc[]>().maxTimeMS(MAX_TIME_MS).exec();
    return docs.map(toRecord);
  }

  async create(station: StationRecord): Promise<boolean> {
    try {
      await this.model.create({
        _id: station.stationId,
        ...(station.protocol ? { protocol: station.protocol } : {}),
        ...(station.passwordHash ? { passwordHash: station.passwordHash } : {}),
        enabled: station.enabled,
        connectors: station.connectors,
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
    this.cache.set(station.stationId, station);
    await this.noteChange({ stationId: station.stationId });
    return true;
  }

  /** Inserts many new stations at once (seed, bench); existing ids are left as they are. */
  async insertMany(stations: readonly StationRecord[]): Promise<void> {
    for (let i = 0; i < stations.length; i += 300) {
      const docs = stations.slice(i, i + 300).map((s) => ({ _id: s.stationId, ...s, stationId: undefined }));
      await this.model
        .insertMany(docs, { ordered: false })
        .catch((err: { code?: number; writeErrors?: unknown[] }) => {
          if (err.code !== 11000 && !err.writeErrors) throw err;
        });
    }
    await this.noteChange({ all: true });
  }

  async setPasswordHash(stationId: string, passwordHash: string): Promise<boolean> {
    const r = await this.model
      .updateOne({ _id: stationId }, { $set: { passwordHash } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    this.cache.delete(stationId);
    if (r.matchedCount > 0) await this.noteChange({ stationId });
    return r.matchedCount > 0;
  }

  private async noteChange(change: { stationId?: string; all?: boolean }): Promise<void> {
    await this.changes.create({ _id: randomUUID(), ...change, at: new Date() });
  }

  /** Reads the changes since the last poll (with an overlap for clock skew) and refreshes those stations. */
  private async poll(): Promise<void> {
    const now = Date.now();
    const since = new Date(this.lastPoll - CHANGE_OVERLAP_MS);
    this.lastPoll = now;
    const docs = await this.changes
      .find({ at: { $gte: since } })
      .lean<ChangeDoc[]>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    const fresh = docs.filter((d) => !this.applied.has(d._id));
    for (const d of fresh) this.applied.set(d._id, new Date(d.at).getTime());
    for (const [id, at] of this.applied) if (at < now - 2 * CHANGE_OVERLAP_MS) this.applied.delete(id);
    if (fresh.some((d) => d.all)) await this.reload();
    else {
      for (const stationId of new Set(fresh.flatMap((d) => (d.stationId ? [d.stationId] : [])))) {
        const doc = await this.model.findById(stationId).lean<StationDoc>().maxTimeMS(MAX_TIME_MS).exec();
        if (doc) this.cache.set(stationId, toRecord(doc));
        else this.cache.delete(stationId);
      }
    }
    if (now - this.lastPrune > CHANGE_RETENTION_MS / 4) {
      this.lastPrune = now;
      await this.changes
        .deleteMany({ at: { $lt: new Date(now - CHANGE_RETENTION_MS) } })
        .maxTimeMS(MAX_TIME_MS)
        .exec();
    }
  }

  private async reload(): Promise<void> {
    this.lastFull = Date.now();
    const docs = await this.model.find().lean<StationDoc[]>().maxTimeMS(30_000).exec();
    this.cache = new Map(docs.map((d) => [d._id, toRecord(d)]));
  }
}
