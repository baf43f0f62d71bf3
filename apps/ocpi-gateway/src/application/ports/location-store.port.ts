import type { EvseStatus, Location } from '@tapcharge/ocpi';
import type { ConnectorMapping } from '../../domain/location-read-model';
import type { StoredTariff } from '../../domain/tariff-catalog';

export interface StoredEvseStatus {
  locationId: string;
  evseUid: string;
  status: EvseStatus;
  at: string;
}

/** Durable copy of what the in-memory Location/Tariff read model learned from events (for restarts). */
export interface LocationStore {
  saveStatus(s: StoredEvseStatus): Promise<void>;
  statuses(): Promise<StoredEvseStatus[]>;
  saveMapping(m: ConnectorMapping): Promise<void>;
  mappings(): Promise<ConnectorMapping[]>;
  saveTariff(t: StoredTariff): Promise<void>;
  deleteTariff(id: string): Promise<void>;
  tariffs(): Promise<StoredTariff[]>;
  /** Locations created or replaced by the operator; they override the seed's. */
  saveLocation(l: Location): Promise<void>;
  locations(): Promise<Location[]>;
}
