import { toOcpiDateTime } from '@tapcharge/ocpi';
import { pickPeerRole } from '../credentials/register-credentials.use-case';
import type { Peer, PeerStatus } from '../ports/peer-repository.port';

/** A peer as the operator API shows it (wire contract of `GET /admin/peers`, read by the admin CLI). */
export interface PeerView {
  peer_id: string;
  name: string;
  state: 'INVITED' | 'REGISTERED' | 'REVOKED';
  country_code: string | null;
  party_id: string | null;
  role: string | null;
  version: string | null;
  registered_at: string | null;
  last_push_ok_at: string | null;
  pending_pushes: number;
  created_at: string;
}

/** Unregistered (the peer deleted its credentials) counts as revoked: either way no token of it works. */
const STATE: Record<PeerStatus, PeerView['state']> = {
  PENDING: 'INVITED',
  REGISTERED: 'REGISTERED',
  UNREGISTERED: 'REVOKED',
  REVOKED: 'REVOKED',
};

const stamp = (iso: string | undefined) => (iso ? toOcpiDateTime(iso) : null);

export function peerView(peer: Peer, lastPushOkAt: string | undefined, pendingPushes: number): PeerView {
  return {
    peer_id: peer.id,
    name: peer.name,
    state: STATE[peer.status],
    country_code: peer.party?.countryCode ?? peer.partyHint?.countryCode ?? null,
    party_id: peer.party?.partyId ?? peer.partyHint?.partyId ?? null,
    role: peer.roles.length > 0 ? pickPeerRole(peer.roles).role : null,
    version: peer.version ?? null,
    registered_at: stamp(peer.registeredAt),
    last_push_ok_at: lastPushOkAt ?? null,
    pending_pushes: pendingPushes,
    created_at: toOcpiDateTime(peer.createdAt),
  };
}
