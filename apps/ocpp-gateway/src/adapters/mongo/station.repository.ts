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

/**
 * The station registry in mongoose, read through an in-memory copy: every WebSocket upgrade looks a
 * station up, and a reconnect storm of thousands of chargers must not become thousands of store reads
 * (FerretDB does ~200/s). The copy is reloaded in the background; a miss still asks the store, so a
 * station added through another instance can connect at once.
 */
export class MongoStationRepository implements StationRegistry {
  private readonly model: Model<StationDoc>;
  private cache = new Map<string, StationRecord>();
  private timer: NodeJS.Timeout | undefined;

  constructor(conn: Connection) {
    this.model = conn.model<StationDoc>('Station', StationSchema);
  }

  async warm(refreshEveryMs = 30_000): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), refreshEveryMs);
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
  }

  async setPasswordHash(stationId: string, passwordHash: string): Promise<boolean> {
    const r = await this.model
      .updateOne({ _id: stationId }, { $set: { passwordHash } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    this.cache.delete(stationId);
    return r.matchedCount > 0;
  }

  private async reload(): Promise<void> {
    const docs = await this.model.find().lean<StationDoc[]>().maxTimeMS(30_000).exec();
    this.cache = new Map(docs.map((d) => [d._id, toRecord(d)]));
  }
}
