import { toOcpiDateTime, type ModuleId } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import type { LocationReadModel } from '../../domain/location-read-model';
import { partyKey, type Party } from '../../domain/party';
import { MAX_ATTEMPTS, type PushItem, type PushKind } from '../../domain/push-item';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';

export type ReceivingPeer = Peer & { party: Party };

/** Registered peers that advertise a RECEIVER endpoint of `module` (only they can take our pushes). */
export async function receivingPeers(peers: PeerRepository, module: ModuleId): Promise<ReceivingPeer[]> {
  return (await peers.listRegistered()).filter(
    (p): p is ReceivingPeer =>
      p.party !== undefined && p.endpoints.some((e) => e.identifier === module && e.role === 'RECEIVER'),
  );
}

/** The OCPI version we speak with a peer: the one it registered with. */
export const versionOf = (peer: Peer) => peer.version ?? '2.2.1';

export function pushItem(
  kind: PushKind,
  method: PushItem['method'],
  target: PushItem['target'],
  body: string,
  now: Date,
): PushItem {
  return {
    id: randomUUID(),
    kind,
    method,
    target,
    body,
    attempts: 0,
    maxAttempts: MAX_ATTEMPTS[kind],
    createdAt: toOcpiDateTime(now),
  };
}

/** `{country_code}/{party_id}/{id}[/...]` below a receiver endpoint (client-owned object URL). */
export const objectPath = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

/**
 * One queue per peer and Location: full Location PUTs and EVSE status PATCHes of a Location go out in the
 * order they happened (a PUT overtaking a newer PATCH would show a stale status).
 */
export const locationQueueKey = (peer: Peer, locationId: string) =>
  `location:${peer.id}:${locationId.toUpperCase()}`;

/**
 * Queues a PUT of the whole Location (mod_locations receiver) to every peer taking Location pushes, in the
 * peer's version shape. A PUT carries everything, so it supersedes whatever of this Location was queued and
 * not yet attempted.
 */
export async function queueLocationPuts(
  peers: PeerRepository,
  queue: PushQueue,
  model: LocationReadModel,
  locationIds: readonly string[],
  causeId: string,
  now: Date,
): Promise<void> {
  if (locationIds.length === 0) return;
  const targets = await receivingPeers(peers, 'locations');
  for (const id of locationIds) {
    const location = model.get(id);
    if (!location) continue;
    const path = objectPath(location.country_code, location.party_id, location.id);
    for (const peer of targets) {
      const item = pushItem(
        'location',
        'PUT',
        { module: 'locations', path },
        model.locationJson(location, versionOf(peer)),
        now,
      );
      await queue.enqueue(locationQueueKey(peer, location.id), partyKey(peer.party), causeId, (state) => ({
        items: [item],
        state,
        replacePending: () => [],
      }));
    }
  }
}
