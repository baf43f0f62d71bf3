import type { EventEnvelope } from '@tapcharge/contracts';
import { AggregateStore, ConcurrencyError, toOutbox, type Aggregate } from '@tapcharge/persistence';
import type { OcpiTariff } from '@tapcharge/tariff-engine';
import type { Connection } from 'mongoose';
import {
  StaleVersionError,
  type StoredTariff,
  type TariffPage,
  type TariffRepository,
} from '../../application/ports/tariff-repository.port';
import type { TariffRecord } from '../../domain/tariff-record';

/**
 * The stored shape. The OCPI object is kept as JSON text: it may carry free-form parts (`energy_mix`) whose
 * keys FerretDB v1 refuses inside documents (`$`, `.`), and nobody queries inside it.
 */
export interface TariffDocState {
  tariffId: string;
  countryCode: string;
  partyId: string;
  ocpiVersion: TariffRecord['ocpiVersion'];
  tariffJson: string | null;
  deleted: boolean;
  appliesTo: string[];
  lastUpdated: string;
  seedHash?: string;
}

export const TARIFF_COLLECTION = 'tariffs';

/** One document per tariff (database `tariff_service`): record + version + outbox, via @tapcharge/persistence. */
export class MongoTariffRepository implements TariffRepository {
  readonly store: AggregateStore<TariffDocState>;

  constructor(conn: Connection) {
    this.store = new AggregateStore<TariffDocState>(conn, TARIFF_COLLECTION);
  }

  ensureIndexes(): Promise<void> {
    return this.store.ensureIndexes();
  }

  async get(tariffId: string): Promise<StoredTariff | undefined> {
    const agg = await this.store.load(tariffId);
    return agg ? { version: agg.version, record: toRecord(agg.state) } : undefined;
  }

  async getMany(tariffIds: readonly string[]): Promise<Map<string, StoredTariff>> {
    const out = new Map<string, StoredTariff>();
    for (const [id, agg] of await this.store.loadMany(tariffIds))
      out.set(id, { version: agg.version, record: toRecord(agg.state) });
    return out;
  }

  async list(page: TariffPage): Promise<TariffRecord[]> {
    const aggs = await this.store.find(
      { 'state.deleted': false },
      { sort: { _id: 1 }, skip: page.offset, limit: page.limit },
    );
    return aggs.map((a) => toRecord(a.state));
  }

  async save(record: TariffRecord, expectedVersion: number, event?: EventEnvelope): Promise<number> {
    // Without a new event, an unpublished one stays: it still describes the latest published-worthy state.
    const outbox = event
      ? toOutbox([event])
      : expectedVersion > 0
        ? ((await this.store.load(record.tariffId))?.outbox ?? [])
        : [];
    const next: Omit<Aggregate<TariffDocState>, 'version'> = {
      id: record.tariffId,
      state: toState(record),
      processedEventIds: [],
      outbox,
    };
    try {
      return (await this.store.save(next, expectedVersion)).version;
    } catch (err) {
      if (err instanceof ConcurrencyError) throw new StaleVersionError(record.tariffId);
      throw err;
    }
  }
}

function toState(r: TariffRecord): TariffDocState {
  return {
    tariffId: r.tariffId,
    countryCode: r.countryCode,
    partyId: r.partyId,
    ocpiVersion: r.ocpiVersion,
    tariffJson: r.tariff === null ? null : JSON.stringify(r.tariff),
    deleted: r.tariff === null,
    appliesTo: [...r.appliesTo],
    lastUpdated: r.lastUpdated,
    ...(r.seedHash !== undefined ? { seedHash: r.seedHash } : {}),
  };
}

function toRecord(s: TariffDocState): TariffRecord {
  return {
    tariffId: s.tariffId,
    countryCode: s.countryCode,
    partyId: s.partyId,
    ocpiVersion: s.ocpiVersion,
    tariff: s.tariffJson === null ? null : (JSON.parse(s.tariffJson) as OcpiTariff),
    appliesTo: s.appliesTo ?? [],
    lastUpdated: s.lastUpdated,
    ...(s.seedHash !== undefined && s.seedHash !== null ? { seedHash: s.seedHash } : {}),
  };
}
