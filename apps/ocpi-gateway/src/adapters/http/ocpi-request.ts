import type { OcpiVersion } from '@tapcharge/ocpi';
import { OCPI_VERSIONS } from '@tapcharge/ocpi';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedPeer } from '../../application/credentials/peer-authenticator';
import { OcpiError } from '../../application/ocpi-error';
import type { Peer } from '../../application/ports/peer-repository.port';
import type { Party } from '../../domain/party';

export type OcpiRequest = FastifyRequest & { ocpiAuth?: AuthenticatedPeer };

/** The `:version` path segment, or 404 for a version we do not serve. */
export function versionOf(v: string): OcpiVersion {
  if (!(OCPI_VERSIONS as readonly string[]).includes(v))
    throw OcpiError.notFound(`Unsupported OCPI version ${v}`);
  return v as OcpiVersion;
}

export function authOf(req: OcpiRequest): AuthenticatedPeer {
  if (!req.ocpiAuth) throw OcpiError.unauthorized();
  return req.ocpiAuth;
}

/** The registered peer of a functional-module call (the guard admitted only token C). */
export function registeredPeer(req: OcpiRequest): Peer & { party: Party } {
  const { peer } = authOf(req);
  if (!peer.party) throw OcpiError.unauthorized();
  return peer as Peer & { party: Party };
}

export function correlationIdOf(req: FastifyRequest): string | undefined {
  const v = req.headers['x-correlation-id'];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.length <= 64 ? s : undefined;
}
