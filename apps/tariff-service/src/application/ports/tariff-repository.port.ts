import type { EventEnvelope } from '@tapcharge/contracts';
import type { TariffRecord } from '../../domain/tariff-record';

export interface StoredTariff {
  /** Optimistic-concurrency version of the document (1 after the first write). */
  readonly version: number;
  readonly record: TariffRecord;
}

export interface TariffPage {
  readonly offset: number;
  readonly limit: number;
}

/** One document per tariff (tombstones included), holding the record and the event still to publish. */
export interface TariffRepository {
  get(tariffId: string): Promise<StoredTariff | undefined>;
  getMany(tariffIds: readonly string[]): Promise<Map<string, StoredTariff>>;
  /** Live tariffs ordered by id. */
  list(page: TariffPage): Promise<TariffRecord[]>;
  /**
   * Writes the record and the event to publish in one atomic single-document write, if the stored version
   * is still `expectedVersion` (0 = must not exist). The event replaces any unpublished one: it carries the
   * full latest state, which is all a compacted topic keeps. Returns the new version.
   * @throws StaleVersionError when someone else wrote first.
   */
  save(record: TariffRecord, expectedVersion: number, event?: EventEnvelope): Promise<number>;
}

export class StaleVersionError extends Error {
  constructor(readonly tariffId: string) {
    super(`tariff ${tariffId} changed concurrently`);
    this.name = 'StaleVersionError';
  }
}
