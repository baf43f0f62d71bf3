import type { EventEnvelope } from '@tapcharge/contracts';
import {
  StaleVersionError,
  type StoredTariff,
  type TariffPage,
  type TariffRepository,
} from '../src/application/ports/tariff-repository.port';
import type { TariffRecord } from '../src/domain/tariff-record';

/** The repository port in memory, for application unit tests (the Mongo adapter is integration-tested). */
export class InMemoryTariffRepository implements TariffRepository {
  readonly docs = new Map<string, StoredTariff & { outbox?: EventEnvelope }>();
  /** Writes that should lose a race: the next N saves see a concurrent writer. */
  racesToLose = 0;

  async get(id: string): Promise<StoredTariff | undefined> {
    return this.docs.get(id);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredTariff>> {
    const out = new Map<string, StoredTariff>();
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) out.set(id, doc);
    }
    return out;
  }

  async list(page: TariffPage): Promise<TariffRecord[]> {
    return [...this.docs.values()]
      .map((d) => d.record)
      .filter((r) => r.tariff !== null)
      .sort((a, b) => a.tariffId.localeCompare(b.tariffId))
      .slice(page.offset, page.offset + page.limit);
  }

  async save(record: TariffRecord, expectedVersion: number, event?: EventEnvelope): Promise<number> {
    const current = this.docs.get(record.tariffId);
    if (this.racesToLose > 0) {
      this.racesToLose--;
      // The other writer: bumps an existing document, or got to create (and delete) a missing one first.
      const bumped = {
        version: (current?.version ?? 0) + 1,
        record: current?.record ?? { ...record, tariff: null },
      };
      this.docs.set(record.tariffId, bumped);
      throw new StaleVersionError(record.tariffId);
    }
    if ((current?.version ?? 0) !== expectedVersion) throw new StaleVersionError(record.tariffId);
    const outbox = event ?? current?.outbox;
    this.docs.set(record.tariffId, { version: expectedVersion + 1, record, ...(outbox ? { outbox } : {}) });
    return expectedVersion + 1;
  }
}
