import { z } from 'zod';
import { DateTime } from './primitives';

/** Query parameters of every paginated GET (transport_and_format: pagination). */
export const PagingQuery = z.object({
  offset: z.coerce
    .number({ error: 'expected a non-negative integer' })
    .int('expected an integer')
    .min(0, 'must be >= 0')
    .default(0),
  limit: z.coerce
    .number({ error: 'expected a positive integer' })
    .int('expected an integer')
    .min(1, 'must be >= 1')
    .optional(),
  date_from: DateTime.optional(),
  date_to: DateTime.optional(),
});
export type PagingQuery = z.infer<typeof PagingQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** The effective page size: what the client asked for, capped at the server's maximum. */
export const effectiveLimit = (requested: number | undefined, max: number) => Math.min(requested ?? max, max);

/** Filters on `last_updated`: `date_from` inclusive, `date_to` exclusive. Works on ISO `...Z` strings. */
export function inDateRange(lastUpdated: string, q: Pick<PagingQuery, 'date_from' | 'date_to'>): boolean {
  const t = Date.parse(lastUpdated);
  if (q.date_from !== undefined && t < Date.parse(q.date_from)) return false;
  if (q.date_to !== undefined && t >= Date.parse(q.date_to)) return false;
  return true;
}

/** Pages an in-memory list sorted oldest first (stable paging). */
export function paginate<T>(all: readonly T[], q: PagingQuery, maxLimit: number): Page<T> {
  const limit = effectiveLimit(q.limit, maxLimit);
  return { items: all.slice(q.offset, q.offset + limit), total: all.length, offset: q.offset, limit };
}

export interface PagingHeaders {
  'X-Total-Count': string;
  'X-Limit': string;
  Link?: string;
}

/**
 * Pagination response headers. `Link` points to the next page, keeps the client's filters, and is absent on
 * the last page. `X-Limit` is the server's maximum page size.
 */
export function pagingHeaders(
  page: Pick<Page<unknown>, 'total' | 'offset' | 'limit' | 'items'>,
  baseUrl: string,
  q: PagingQuery,
  maxLimit: number,
): PagingHeaders {
  const headers: PagingHeaders = { 'X-Total-Count': String(page.total), 'X-Limit': String(maxLimit) };
  const nextOffset = page.offset + page.items.length;
  if (page.items.length > 0 && nextOffset < page.total) {
    const params = new URLSearchParams();
    if (q.date_from !== undefined) params.set('date_from', q.date_from);
    if (q.date_to !== undefined) params.set('date_to', q.date_to);
    params.set('offset', String(nextOffset));
    params.set('limit', String(page.limit));
    headers.Link = `<${baseUrl}?${params.toString()}>; rel="next"`;
  }
  return headers;
}

/** Reads the next-page URL from a `Link` header, if any. */
export function nextPageUrl(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}
