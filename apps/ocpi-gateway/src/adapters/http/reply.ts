import {
  ocpiSuccess,
  pagingHeaders,
  PagingQuery,
  parseOcpi,
  toOcpiDateTime,
  type Page,
} from '@tapcharge/ocpi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OcpiError } from '../../application/ocpi-error';

/** Sends a success envelope with `data`. */
export function ok<T>(reply: FastifyReply, data?: T, status = 200) {
  void reply.status(status);
  return ocpiSuccess(data);
}

export function parsePaging(query: unknown): PagingQuery {
  const parsed = parseOcpi(PagingQuery, query);
  if (!parsed.ok) throw OcpiError.invalid(parsed.message);
  return parsed.value;
}

/** The absolute URL of this request without its query: the base of `Link` headers. */
export function selfUrl(req: FastifyRequest, ocpiBaseUrl: string): string {
  const path = req.url.split('?')[0] ?? '';
  return `${ocpiBaseUrl.replace(/\/ocpi$/, '')}${path}`;
}

/**
 * A paginated list response from pre-serialised items: the envelope is assembled as a string so a page of
 * 50 Locations costs a join, not a JSON.stringify of the objects (hot path).
 */
export function sendJsonPage(
  req: FastifyRequest,
  reply: FastifyReply,
  ocpiBaseUrl: string,
  q: PagingQuery,
  maxLimit: number,
  page: { items: string[]; total: number },
): string {
  const limit = Math.min(q.limit ?? maxLimit, maxLimit);
  const headers = pagingHeaders(
    { items: page.items, total: page.total, offset: q.offset, limit } as Page<unknown>,
    selfUrl(req, ocpiBaseUrl),
    q,
    maxLimit,
  );
  void reply.headers(headers as unknown as Record<string, string>).type('application/json');
  return `{"data":[${page.items.join(',')}],"status_code":1000,"timestamp":"${toOcpiDateTime(new Date())}"}`;
}
