import type { StationRecord } from '../../domain/station';

export interface StationRegistry {
  find(stationId: string): Promise<StationRecord | undefined>;
  list(): Promise<StationRecord[]>;
  /** Creates or replaces a station (the password hash is kept when `passwordHash` is absent). */
  upsert(station: StationRecord): Promise<void>;
  setPasswordHash(stationId: string, passwordHash: string): Promise<boolean>;
}
