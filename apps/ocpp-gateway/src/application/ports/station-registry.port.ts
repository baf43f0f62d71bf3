import type { StationRecord } from '../../domain/station';

export interface StationRegistry {
  find(stationId: string): Promise<StationRecord | undefined>;
  list(): Promise<StationRecord[]>;
  /** Adds a new station; false (and nothing changed) when the id is already registered. */
  create(station: StationRecord): Promise<boolean>;
  setPasswordHash(stationId: string, passwordHash: string): Promise<boolean>;
}
