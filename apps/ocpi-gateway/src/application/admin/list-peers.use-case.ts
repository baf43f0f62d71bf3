import { partyKey } from '../../domain/party';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import type { PushStats } from '../ports/push-stats.port';
import { peerView, type PeerView } from './peer-view';

/** Queue keys that name the peer they belong to (`<kind>:<peerId>:<object>`); the others name only a party. */
const PER_PEER_KEYS = new Set(['location', 'tariff', 'evse']);
const rank = (p: Peer) => (p.status === 'REGISTERED' ? 1 : 0);

/**
 * Operator view of every peer with its push health: when a push last went through and how many wait.
 * Pushes owed to a party (sessions, CDRs, command results, terminals) count for its registered peer, or,
 * when none is registered, for the peer of that party that changed last.
 */
export class ListPeersUseCase {
  constructor(
    private readonly peers: PeerRepository,
    private readonly queue: PushQueue,
    private readonly stats: PushStats,
  ) {}

  async execute(): Promise<PeerView[]> {
    const [all, pending, lastOk] = await Promise.all([
      this.peers.listAll(),
      this.queue.pendingByKey(),
      this.stats.lastDelivered(),
    ]);
    const byId = new Map(all.map((p) => [p.id, p]));
    const ownerOfParty = new Map<string, Peer>();
    for (const p of all) {
      if (!p.party) continue;
      const key = partyKey(p.party);
      const known = ownerOfParty.get(key);
      const better =
        !known || rank(p) > rank(known) || (rank(p) === rank(known) && p.updatedAt > known.updatedAt);
      if (better) ownerOfParty.set(key, p);
    }
    const counts = new Map<string, number>();
    for (const q of pending) {
      const [kind = '', peerId = ''] = q.key.split(':');
      const owner = PER_PEER_KEYS.has(kind) ? byId.get(peerId) : ownerOfParty.get(q.partyKey);
      if (owner) counts.set(owner.id, (counts.get(owner.id) ?? 0) + q.items);
    }
    return all.map((p) => peerView(p, lastOk.get(p.id), counts.get(p.id) ?? 0));
  }
}
