import { Schema, type Connection, type Model } from 'mongoose';
import type { OcppVersion } from '@tapcharge/ocpp';
import type { Logger } from '@tapcharge/logging';
import type { StationPresence } from '../../application/ports/station-presence.port';
import { mergePresence, type PresenceEntry as Entry, type PresenceSource } from './presence-entries';
import type {
  BootFacts,
  StationRuntime,
  StationStatusReader,
  StationStatusRecorder,
} from '../../application/ports/station-status.port';

/**
 * One document per gateway instance: its liveness and every station it holds or held. `stations` is the
 * JSON text of an Entry[]: FerretDB stores one string of a megabyte in milliseconds, while the same data
 * as 10,000 nested documents cost it about a second per write.
 */
interface InstanceDoc {
  _id: string;
  seenAt: Date;
  /** false once the instance stopped cleanly (its stations are offline at once, not after staleAfterMs) */
  alive: boolean;
  stations: string;
}
interface AnswerDoc {
  _id: string;
  instanceId: string;
  at: Date;
}

const InstanceSchema = new Schema<InstanceDoc>(
  { _id: String, seenAt: Date, alive: Boolean, stations: { type: String, default: '[]' } },
  { collection: 'gateway_instances', versionKey: false },
);
const AnswerSchema = new Schema<AnswerDoc>(
  { _id: String, instanceId: String, at: Date },
  { collection: 'command_answers', versionKey: false },
);

const MAX_TIME_MS = 5_000;
const DAY_MS = 86_400_000;
const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;

function entriesOf(doc: InstanceDoc | null | undefined): Entry[] {
  if (!doc?.stations) return [];
  try {
    const parsed: unknown = JSON.parse(doc.stations);
    return Array.isArray(parsed) ? (parsed as Entry[]) : [];
  } catch {
    return [];
  }
}

/** Another instance's document, decoded. */
type Peer = PresenceSource & { stations: Entry[] };

export interface PresenceOptions {
  /** An instance that has not written its document for this long counts as dead (its stations offline). */
  staleAfterMs?: number;
  /** How often a changed document is written (a connect or disconnect is visible to others within this). */
  flushEveryMs?: number;
  /** How often the document is written even when nothing connected or went (liveness, last frame times). */
  beatEveryMs?: number;
  /** How long other instances' documents are reused by `ownerOf` before they are read again. */
  snapshotTtlMs?: number;
}

/**
 * Station -> gateway instance, plus each station's last known facts. Each instance keeps its stations
 * in memory and writes them as ONE document (`gateway_instances`), whole, when something changed (at most
 * every `flushEveryMs`) and every `beatEveryMs` as its liveness beat. Never one write per station: on
 * FerretDB v1 a single-document upsert took 22-36 ms here (a SQLite commit each), so 10,000 chargers
 * reconnecting cost minutes of store time when presence had a document per station; now a reconnect
 * storm costs one write per second. A station is connected when a live instance's document says so (the
 * newest connection wins if two do, e.g. during a takeover); a crashed instance stops counting after
 * `staleAfterMs`. The last frame time ("lastHeartbeatAt") other instances see is at most `beatEveryMs`
 * old; this instance reports its own stations exactly. A document holds ~120 bytes per station: one
 * instance can hold ~100,000 stations before the 16 MB document limit.
 */
export class MongoPresenceRepository implements StationPresence, StationStatusRecorder, StationStatusReader {
  private readonly instances: Model<InstanceDoc>;
  private readonly answers: Model<AnswerDoc>;
  private readonly entries = new Map<string, Entry>();
  private dirty = true;
  private lastWrite = 0;
  private readonly staleAfterMs: number;
  private readonly flushEveryMs: number;
  private readonly beatEveryMs: number;
  private readonly snapshotTtlMs: number;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private snapshot: { at: number; docs: Promise<Peer[]> } | undefined;

  constructor(
    conn: Connection,
    private readonly instanceId: string,
    private readonly log: Logger,
    opts: PresenceOptions = {},
  ) {
    this.instances = conn.model<InstanceDoc>('GatewayInstance', InstanceSchema);
    this.answers = conn.model<AnswerDoc>('CommandAnswer', AnswerSchema);
    this.staleAfterMs = opts.staleAfterMs ?? 30_000;
    this.flushEveryMs = opts.flushEveryMs ?? 1_000;
    this.beatEveryMs = opts.beatEveryMs ?? 10_000;
    this.snapshotTtlMs = opts.snapshotTtlMs ?? 1_000;
  }

  async start(): Promise<void> {
    // A previous life of this instance id (a restarted pod): its sockets are gone, its facts still count.
    const previous = await this.instances
      .findById(this.instanceId)
      .lean<InstanceDoc>()
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    for (const e of entriesOf(previous)) this.entries.set(e.s, { ...e, on: false });
    const now = Date.now();
    await this.instances
      .deleteMany({ seenAt: { $lt: new Date(now - 30 * DAY_MS) } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    await this.answers
      .deleteMany({ at: { $lt: new Date(now - DAY_MS) } })
      .maxTimeMS(MAX_TIME_MS)
      .exec();
    await this.write(true);
    this.timer = setInterval(() => {
      const due = this.dirty || Date.now() - this.lastWrite >= this.beatEveryMs;
      if (due && !this.writing) void this.write(true).catch(() => undefined);
    }, this.flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing?.catch(() => undefined);
    const now = Date.now();
    for (const e of this.entries.values()) {
      if (e.on) Object.assign(e, { on: false, d: now });
    }
    await this.write(false);
  }

  connected(stationId: string, protocol: OcppVersion, at: Date): void {
    const t = at.getTime();
    this.entries.set(stationId, {
      ...this.entries.get(stationId),
      s: stationId,
      on: true,
      p: protocol,
      c: t,
      l: t,
    });
    this.dirty = true;
  }

  disconnected(stationId: string, at: Date): void {
    const e = this.entries.get(stationId);
    if (!e) return;
    Object.assign(e, { on: false, d: at.getTime() });
    this.dirty = true;
  }

  booted(stationId: string, facts: BootFacts): void {
    const e = this.entries.get(stationId) ?? { s: stationId, on: false };
    Object.assign(e, {
      v: facts.vendor,
      m: facts.model,
      f: facts.firmwareVersion,
      sn: facts.serialNumber,
      l: facts.bootedAt.getTime(),
    });
    this.entries.set(stationId, e);
    this.dirty = true;
  }

  /** Memory only: the next write (at the latest the liveness beat) carries it. */
  seen(stationId: string, at: Date): void {
    const e = this.entries.get(stationId);
    if (e) e.l = at.getTime();
  }

  async ownerOf(stationId: string): Promise<string | undefined> {
    const mine = this.entries.get(stationId);
    let best: { instanceId: string; since: number } | undefined = mine?.on
      ? { instanceId: this.instanceId, since: mine.c ?? 0 }
      : undefined;
    for (const peer of await this.liveOthers()) {
      const e = peer.stations.find((x) => x.s === stationId && x.on);
      if (e && (!best || (e.c ?? 0) > best.since)) best = { instanceId: peer.instanceId, since: e.c ?? 0 };
    }
    return best?.instanceId;
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
    const wanted = stationIds ? new Set(stationIds) : undefined;
    const docs = await this.instances
      .find({ _id: { $ne: this.instanceId } })
      .lean<InstanceDoc[]>()
      .maxTimeMS(30_000)
      .exec();
    const since = Date.now() - this.staleAfterMs;
    return mergePresence(
      [
        { instanceId: this.instanceId, live: true, stations: this.entries.values() },
        ...docs.map((d) => ({
          instanceId: d._id,
          live: d.alive !== false && new Date(d.seenAt).getTime() >= since,
          stations: entriesOf(d),
        })),
      ],
      wanted,
    );
  }

  /** Other instances' documents that are alive, read at most every `snapshotTtlMs`. */
  private async liveOthers(): Promise<Peer[]> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at >= this.snapshotTtlMs) {
      const docs = this.instances
        .find({ _id: { $ne: this.instanceId }, seenAt: { $gte: new Date(now - this.staleAfterMs) } })
        .lean<InstanceDoc[]>()
        .maxTimeMS(MAX_TIME_MS)
        .exec()
        .then((list) =>
          list
            .filter((d) => d.alive !== false)
            .map((d) => ({ instanceId: d._id, live: true, stations: entriesOf(d) })),
        );
      this.snapshot = { at: now, docs };
      docs.catch(() => {
        if (this.snapshot?.docs === docs) this.snapshot = undefined;
      });
    }
    return this.snapshot.docs;
  }

  private write(alive: boolean): Promise<void> {
    const run = async () => {
      this.dirty = false;
      const started = Date.now();
      const cutoff = started - 30 * DAY_MS;
      for (const [id, e] of this.entries) if (!e.on && (e.d ?? e.l ?? 0) < cutoff) this.entries.delete(id);
      try {
        await this.instances
          .updateOne(
            { _id: this.instanceId },
            {
              $set: {
                seenAt: new Date(started),
                alive,
                stations: JSON.stringify([...this.entries.values()]),
              },
            },
            { upsert: true },
          )
          .maxTimeMS(MAX_TIME_MS)
          .exec();
        this.lastWrite = started;
      } catch (err) {
        this.dirty = true;
        this.log.warn({ err, stations: this.entries.size }, 'presence write failed; retrying');
        throw err;
      }
    };
    this.writing = run().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }
}
