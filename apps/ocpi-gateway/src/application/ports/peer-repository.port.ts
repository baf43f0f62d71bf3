import type { CredentialsRole, Endpoint, OcpiVersion } from '@tapcharge/ocpi';
import type { Party } from '../../domain/party';

/**
 * PENDING: token A handed out, not yet registered. UNREGISTERED: the peer deleted its credentials.
 * REVOKED: the operator revoked it; every token of it is refused.
 */
export type PeerStatus = 'PENDING' | 'REGISTERED' | 'UNREGISTERED' | 'REVOKED';

/** A PTP (or other OCPI peer) and what we know of it. Tokens it presents to us are stored only hashed. */
export interface Peer {
  id: string;
  name: string;
  status: PeerStatus;
  /** Hash of token A, valid until the registration completes. */
  tokenAHash?: string;
  /** Hash of token C: what the peer uses to call us after registration. */
  tokenCHash?: string;
  /** The peer's token (B) that we present when calling it; needed in clear to send it. */
  peerToken?: string;
  version?: OcpiVersion;
  versionsUrl?: string;
  endpoints: Endpoint[];
  roles: CredentialsRole[];
  /** The peer's own party (from its credentials roles); set at registration. */
  party?: Party;
  /** What the operator said the party would be when inviting it (shown until it registers). */
  partyHint?: { countryCode?: string; partyId?: string };
  /** When the credentials handshake first completed. */
  registeredAt?: string;
  revokedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PeerRepository {
  create(peer: Peer): Promise<void>;
  /** Replaces the peer if its `updatedAt` is still `expectedUpdatedAt` (optimistic concurrency). */
  update(peer: Peer, expectedUpdatedAt: string): Promise<boolean>;
  findById(id: string): Promise<Peer | undefined>;
  findByTokenHash(hash: string): Promise<Peer | undefined>;
  findRegisteredByParty(party: Party): Promise<Peer | undefined>;
  listRegistered(): Promise<Peer[]>;
  /** Every peer, oldest first (operator view). */
  listAll(): Promise<Peer[]>;
}
