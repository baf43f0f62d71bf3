import {
  AnyOcpiResponse,
  Credentials,
  isOcpiSuccess,
  OcpiStatus,
  parseOcpi,
  Version,
  VersionDetails,
  type CredentialsRole,
  type OcpiVersion,
} from '@tapcharge/ocpi';
import { z } from 'zod';
import { hashToken, newCredentialsToken } from '../../domain/ids';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { PeerClient } from '../ports/peer-client.port';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import { ourCredentials } from './our-credentials';
import type { PeerAuthenticator } from './peer-authenticator';

export interface RegisterCredentialsCommand {
  peer: Peer;
  version: OcpiVersion;
  body: unknown;
  /** POST = first registration (token A), PUT = update / token rotation / version switch. */
  mode: 'register' | 'update';
}

/**
 * The credentials handshake, receiver side (credentials.asciidoc): validate the peer's credentials, call its
 * versions and version details with its token B, then answer with a fresh token C. Token A dies with it.
 */
export class RegisterCredentialsUseCase {
  constructor(
    private readonly peers: PeerRepository,
    private readonly client: PeerClient,
    private readonly auth: PeerAuthenticator,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(cmd: RegisterCredentialsCommand): Promise<Credentials> {
    const { peer } = cmd;
    if (cmd.mode === 'register' && peer.status === 'REGISTERED') {
      throw OcpiError.methodNotAllowed('Already registered: use PUT to update or DELETE to unregister');
    }
    if (cmd.mode === 'update' && peer.status !== 'REGISTERED') {
      throw OcpiError.methodNotAllowed('Not registered: use POST to register');
    }
    const parsed = parseOcpi(Credentials, cmd.body);
    if (!parsed.ok) throw OcpiError.invalid(parsed.message);
    const credentials = parsed.value;

    const details = await this.discover(credentials, cmd.version);
    if (details.endpoints.length === 0) {
      throw new OcpiError(200, OcpiStatus.NO_MATCHING_ENDPOINTS, 'Your version details list no endpoints');
    }

    const role = pickPeerRole(credentials.roles);
    const tokenC = newCredentialsToken();
    const updated: Peer = {
      ...peer,
      status: 'REGISTERED',
      tokenCHash: hashToken(tokenC),
      peerToken: credentials.token,
      version: cmd.version,
      versionsUrl: credentials.url,
      endpoints: details.endpoints,
      roles: credentials.roles,
      party: { countryCode: role.country_code.toUpperCase(), partyId: role.party_id.toUpperCase() },
      registeredAt: peer.registeredAt ?? this.ctx.now().toISOString(),
      updatedAt: this.ctx.now().toISOString(),
    };
    delete updated.tokenAHash;
    if (!(await this.peers.update(updated, peer.updatedAt))) {
      throw new OcpiError(200, OcpiStatus.SERVER_ERROR, 'Concurrent credentials change; please retry');
    }
    this.auth.invalidate();
    return ourCredentials(this.ctx, tokenC, cmd.version);
  }

  private async discover(credentials: Credentials, version: OcpiVersion): Promise<VersionDetails> {
    const versions = await this.getData(credentials.url, credentials.token, z.array(Version), 'versions');
    const match = versions.find((v) => v.version === version);
    if (!match) {
      throw new OcpiError(
        200,
        OcpiStatus.UNSUPPORTED_VERSION,
        `You do not offer version ${version} (offered: ${versions.map((v) => v.version).join(', ') || 'none'})`,
      );
    }
    return this.getData(match.url, credentials.token, VersionDetails, 'version details');
  }

  private async getData<S extends z.ZodType>(
    url: string,
    token: string,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    let res;
    try {
      res = await this.client.request('GET', url, token);
    } catch (err) {
      throw unableToUse(`GET ${what} at ${url} failed: ${(err as Error).message}`);
    }
    const envelope = AnyOcpiResponse.safeParse(res.body);
    if (res.httpStatus >= 300 || !envelope.success || !isOcpiSuccess(envelope.data.status_code)) {
      throw unableToUse(
        `GET ${what} at ${url} answered HTTP ${res.httpStatus}${envelope.success ? ` status ${envelope.data.status_code}` : ''}`,
      );
    }
    const data = parseOcpi(schema, envelope.data.data, 'data');
    if (!data.ok) throw unableToUse(`GET ${what} at ${url}: ${data.message}`);
    return data.value;
  }
}

const unableToUse = (message: string) => new OcpiError(200, OcpiStatus.UNABLE_TO_USE_CLIENT_API, message);

/** The role that identifies the peer: a PTP as `PTP` or `OTHER` (digest 1.7.2), else the first non-CPO role. */
export function pickPeerRole(roles: readonly CredentialsRole[]): CredentialsRole {
  return (
    roles.find((r) => r.role === 'PTP') ??
    roles.find((r) => r.role === 'OTHER') ??
    roles.find((r) => r.role !== 'CPO') ??
    (roles[0] as CredentialsRole)
  );
}
