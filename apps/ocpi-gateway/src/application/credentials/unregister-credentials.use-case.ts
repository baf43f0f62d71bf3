import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import type { PeerAuthenticator } from './peer-authenticator';

/** DELETE credentials: the peer's tokens stop working at once (on this instance; others within the cache TTL). */
export class UnregisterCredentialsUseCase {
  constructor(
    private readonly peers: PeerRepository,
    private readonly auth: PeerAuthenticator,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(peer: Peer): Promise<void> {
    if (peer.status !== 'REGISTERED') throw OcpiError.methodNotAllowed('Not registered');
    const updated: Peer = { ...peer, status: 'UNREGISTERED', updatedAt: this.ctx.now().toISOString() };
    delete updated.tokenAHash;
    delete updated.tokenCHash;
    delete updated.peerToken;
    await this.peers.update(updated, peer.updatedAt);
    this.auth.invalidate();
  }
}
