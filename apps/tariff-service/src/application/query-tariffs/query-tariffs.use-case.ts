import { assertTariffId } from '../../domain/tariff-id';
import { isLive, type LiveTariffRecord, type TariffRecord } from '../../domain/tariff-record';
import { notFound } from '../delete-tariff/delete-tariff.use-case';
import type { TariffPage, TariffRepository } from '../ports/tariff-repository.port';

export const MAX_PAGE = 500;

/** Reads for the admin API: one tariff, or a page of the live ones by id. */
export class QueryTariffsUseCase {
  constructor(private readonly repo: TariffRepository) {}

  async get(tariffId: string): Promise<LiveTariffRecord> {
    const record = (await this.repo.get(assertTariffId(tariffId)))?.record;
    if (!isLive(record)) throw notFound(tariffId);
    return record;
  }

  list(page: TariffPage): Promise<TariffRecord[]> {
    return this.repo.list({
      offset: Math.max(0, Math.floor(page.offset)),
      limit: Math.min(MAX_PAGE, Math.max(1, Math.floor(page.limit))),
    });
  }
}
