import type { PeerAuthenticator } from '../credentials/peer-authenticator';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';

/**
 * Operator: revoke a peer. Its token A and C are forgotten (every OCPI call with them is HTTP 401 at once on
 * this instance, on others within the token cache TTL) and nothing more is pushed to it (pushes go to
 * registered peers only). Revoking twice is harmless.
 */
export class RevokePeerUseCase {
  constructor(
    private readonly peers: PeerRepository,
    private readonly auth: PeerAuthenticator,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(peerId: string): Promise<Peer> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const peer = await this.peers.findById(peerId);
      if (!peer) throw OcpiError.notFound(`Unknown peer ${peerId}`);
      if (peer.status === 'REVOKED') {
        this.auth.invalidate();
        return peer;
      }
      const now = this.ctx.now().toISOString();
      const revoked: Peer = { ...peer, status: 'REVOKED', revokedAt: now, updatedAt: now };
      delete revoked.tokenAHash;
      delete revoked.tokenCHash;
      delete revoked.peerToken;
      const written = await this.peers.update(revoked, peer.updatedAt);
      this.auth.invalidate();
      if (written) return revoked;
    }
    throw new OcpiError(409, 2000, `Peer ${peerId} is changing concurrently; please retry`);
  }
}
