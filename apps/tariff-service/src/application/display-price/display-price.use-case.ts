import { displayPrice, parseTariff, type PriceDisplay } from '@tapcharge/tariff-engine';
import { parseDisplayQuery } from '../../domain/display-query.parser';
import type { Clock } from '../ports/clock.port';
import type { QueryTariffsUseCase } from '../query-tariffs/query-tariffs.use-case';

/** What a payment terminal shows for a tariff, in the driver's locale (`displayPrice` of the engine). */
export class DisplayPriceUseCase {
  constructor(
    private readonly tariffs: QueryTariffsUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(tariffId: string, query: Record<string, unknown>): Promise<PriceDisplay> {
    const q = parseDisplayQuery(query);
    const record = await this.tariffs.get(tariffId);
    const tariff = parseTariff(record.tariff, { version: record.ocpiVersion });
    return displayPrice(
      tariff,
      q.locale,
      q.timeZone ? { now: this.clock.now(), timeZone: q.timeZone } : undefined,
    );
  }
}
