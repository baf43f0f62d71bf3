import { pagingHeaders, type OcpiVersion, type PagingQuery } from '@tapcharge/ocpi';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedPeer } from '../../application/credentials/peer-authenticator';
import { OcpiError } from '../../application/ocpi-error';
import type { GatewayServices } from './gateway-services';
import { toOcpiReply } from './ocpi-exception.filter';
import { versionOf } from './ocpi-request';
import { PageCache, type PageSource } from './page-cache';
import { parsePaging, selfUrl } from './reply';

interface ListSource extends PageSource {
  page(version: OcpiVersion, q: PagingQuery, limit: number): { items: string[]; total: number };
}

type Params = { version: string };

/**
 * The list GETs of the in-memory read models (Locations, Tariffs) as plain fastify routes: they are what
 * PTPs poll, so they skip Nest's guard/pipe/interceptor pipeline and answer from a cache of serialised
 * pages (bench: `npm run bench:ocpi`). Same contract as the Nest routes: token C of a registered peer, OCPI
 * paging, OCPI error bodies.
 */
export function installHotListRoutes(fastify: FastifyInstance, s: GatewayServices): void {
  route(fastify, s, '/ocpi/:version/locations', s.locations);
  route(fastify, s, '/ocpi/:version/tariffs', s.tariffs);
}

function route(fastify: FastifyInstance, s: GatewayServices, path: string, source: ListSource): void {
  const cache = new PageCache(source);
  const max = s.ctx.maxPageSize;
  const answer = (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    auth: AuthenticatedPeer | undefined,
  ) => {
    try {
      if (!auth) throw OcpiError.unauthorized();
      if (auth.kind !== 'C' || !auth.peer.party)
        throw OcpiError.unauthorized('Token A may only be used for versions and credentials');
      const version = versionOf(req.params.version);
      const page = cache.get(req.url, () => {
        const q = parsePaging(req.query);
        const limit = Math.min(q.limit ?? max, max);
        const { items, total } = source.page(version, q, limit);
        const headers = pagingHeaders(
          { items, total, offset: q.offset, limit },
          selfUrl(req, s.ctx.ocpiBaseUrl),
          q,
          max,
        );
        return { items, headers: headers as unknown as Record<string, string> };
      });
      void reply.headers(page.headers).type('application/json').send(page.body);
    } catch (err) {
      const { status, body } = toOcpiReply(err);
      if (status >= 500) s.logger.error({ err }, 'unexpected error in request');
      void reply.status(status).type('application/json').send(JSON.stringify(body));
    }
  };
  fastify.get<{ Params: Params }>(path, (req, reply) => {
    const header = req.headers.authorization;
    const cached = s.authenticator.peek(header);
    if (cached) return answer(req, reply, cached.value);
    s.authenticator.authenticate(header).then(
      (auth) => answer(req, reply, auth),
      (err: unknown) => {
        s.logger.error({ err }, 'token lookup failed');
        const { status, body } = toOcpiReply(err);
        void reply.status(status).type('application/json').send(JSON.stringify(body));
      },
    );
  });
}
