import { TariffServiceError } from '../../domain/tariff.errors';
import type { TariffPage } from '../../application/ports/tariff-repository.port';
import { MAX_PAGE } from '../../application/query-tariffs/query-tariffs.use-case';

/** `?offset=0&limit=100` (limit 1..MAX_PAGE). */
export function parsePageQuery(query: Record<string, unknown>): TariffPage {
  const read = (name: string, def: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined) return def;
    const n = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(n) || n > max || (name === 'limit' && n < 1)) {
      throw new TariffServiceError('TARIFF.INVALID', 'invalid paging', [
        { path: name, message: `must be an integer from ${name === 'limit' ? 1 : 0} to ${max}` },
      ]);
    }
    return n;
  };
  return { offset: read('offset', 0, 1_000_000), limit: read('limit', 100, MAX_PAGE) };
}
