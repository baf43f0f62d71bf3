import type { Location } from '@tapcharge/ocpi';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { LocationStore, StoredEvseStatus } from '../../application/ports/location-store.port';
import type { ConnectorMapping } from '../../domain/location-read-model';
import type { StoredTariff } from '../../domain/tariff-catalog';
import { collection, COLLECTIONS, OP_TIMEOUT_MS } from './collections';

interface JsonDoc {
  _id: string;
  json: string;
}

const opts = { upsert: true, maxTimeMS: OP_TIMEOUT_MS } as never;

export class MongoLocationStore implements LocationStore {
  private readonly statusCol: Collection<JsonDoc>;
  private readonly mappingCol: Collection<JsonDoc>;
  private readonly tariffCol: Collection<JsonDoc>;
  private readonly locationCol: Collection<JsonDoc>;

  constructor(conn: Connection) {
    this.statusCol = collection<JsonDoc>(conn, COLLECTIONS.evseStatus);
    this.mappingCol = collection<JsonDoc>(conn, COLLECTIONS.mappings);
    this.tariffCol = collection<JsonDoc>(conn, COLLECTIONS.tariffs);
    this.locationCol = collection<JsonDoc>(conn, COLLECTIONS.locations);
  }

  async saveStatus(s: StoredEvseStatus): Promise<void> {
    await this.statusCol.replaceOne(
      { _id: `${s.locationId}/${s.evseUid}` },
      { json: JSON.stringify(s) },
      opts,
    );
  }

  statuses(): Promise<StoredEvseStatus[]> {
    return this.all<StoredEvseStatus>(this.statusCol);
  }

  async saveMapping(m: ConnectorMapping): Promise<void> {
    await this.mappingCol.replaceOne(
      { _id: `${m.locationId}/${m.evseUid}/${m.connectorId}` },
      { json: JSON.stringify(m) },
      opts,
    );
  }

  mappings(): Promise<ConnectorMapping[]> {
    return this.all<ConnectorMapping>(this.mappingCol);
  }

  async saveTariff(t: StoredTariff): Promise<void> {
    await this.tariffCol.replaceOne({ _id: t.id }, { json: JSON.stringify(t) }, opts);
  }

  async deleteTariff(id: string): Promise<void> {
    await this.tariffCol.deleteOne({ _id: id }, { maxTimeMS: OP_TIMEOUT_MS } as never);
  }

  tariffs(): Promise<StoredTariff[]> {
    return this.all<StoredTariff>(this.tariffCol);
  }

  async saveLocation(l: Location): Promise<void> {
    await this.locationCol.replaceOne({ _id: l.id.toUpperCase() }, { json: JSON.stringify(l) }, opts);
  }

  locations(): Promise<Location[]> {
    return this.all<Location>(this.locationCol);
  }

  private async all<T>(col: Collection<JsonDoc>): Promise<T[]> {
    const docs = await col.find({}, { maxTimeMS: OP_TIMEOUT_MS }).limit(100_000).toArray();
    return docs.map((d) => JSON.parse(d.json) as T);
  }
}
