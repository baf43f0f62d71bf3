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

/** Headers longer than this are looked up but not cached (a credentials token is at most 64 characters). */
const MAX_CACHED_HEADER = 200;
const MAX_ENTRIES = 10_000;

/**
 * Resolves `Authorization: Token ...` to a peer. Results are cached per header value for `ttlMs`, so the hot
 * GET paths neither decode nor hash the token nor reach the store per request. Changes made by this
 * instance (registration, unregistration, revocation) clear the cache at once; other instances' changes are
 * seen within `ttlMs` (ADR 0005).
 */
export class PeerAuthenticator {
  private readonly byHeader = new Map<string, CacheEntry>();
  /** Bumped by invalidate(): a lookup that started before a revocation must not cache its stale answer. */
  private generation = 0;

  constructor(
    private readonly peers: PeerRepository,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached answer for this header, when fresh: lets a hot route skip the await. */
  peek(header: string | undefined): { value: AuthenticatedPeer | undefined } | undefined {
    if (header === undefined) return { value: undefined };
    const cached = this.byHeader.get(header);
    return cached && cached.expiresAt > this.clock() ? cached : undefined;
  }

  async authenticate(header: string | undefined): Promise<AuthenticatedPeer | undefined> {
    const hit = this.peek(header);
    if (hit) return hit.value;
    const generation = this.generation;
    let value: AuthenticatedPeer | undefined;
    for (const token of tokenCandidates(header)) {
      value = await this.lookup(hashToken(token));
      if (value) break;
    }
    if (header !== undefined && header.length <= MAX_CACHED_HEADER && generation === this.generation) {
      if (this.byHeader.size >= MAX_ENTRIES) this.byHeader.clear();
      this.byHeader.set(header, { value, expiresAt: this.clock() + this.ttlMs });
    }
    return value;
  }

  invalidate(): void {
    this.generation++;
    this.byHeader.clear();
  }

  private async lookup(hash: string): Promise<AuthenticatedPeer | undefined> {
    const peer = await this.peers.findByTokenHash(hash);
    if (!peer || peer.status === 'UNREGISTERED' || peer.status === 'REVOKED') return undefined;
    if (peer.tokenCHash === hash && peer.status === 'REGISTERED') return { peer, kind: 'C' };
    if (peer.tokenAHash === hash) return { peer, kind: 'A' };
    return undefined;
  }
}
