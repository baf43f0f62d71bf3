import { tokenCandidates } from '@tapcharge/ocpi';
import { hashToken } from '../../domain/ids';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';

export type TokenKind = 'A' | 'C';

export interface AuthenticatedPeer {
  peer: Peer;
  kind: TokenKind;
}

interface CacheEntry {
  value: AuthenticatedPeer | undefined;
  expiresAt: number;
}

/**
 * Resolves `Authorization: Token ...` to a peer. Lookups are cached briefly (hot GET paths must not hit the
 * store per request); changes made by this instance invalidate the cache at once, other instances' changes
 * are seen within `ttlMs` (ADR 0005).
 */
export class PeerAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly peers: PeerRepository,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async authenticate(header: string | undefined): Promise<AuthenticatedPeer | undefined> {
    for (const token of tokenCandidates(header)) {
      const found = await this.lookup(hashToken(token));
      if (found) return found;
    }
    return undefined;
  }

  invalidate(): void {
    this.cache.clear();
  }

  private async lookup(hash: string): Promise<AuthenticatedPeer | undefined> {
    const now = this.clock();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.value;
    const peer = await this.peers.findByTokenHash(hash);
    let value: AuthenticatedPeer | undefined;
    if (peer && peer.status !== 'UNREGISTERED') {
      if (peer.tokenCHash === hash && peer.status === 'REGISTERED') value = { peer, kind: 'C' };
      else if (peer.tokenAHash === hash) value = { peer, kind: 'A' };
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { value, expiresAt: now + this.ttlMs });
    return value;
  }
}
