import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import type { ConnectorMapping, LocationReadModel } from '../../domain/location-read-model';
import { partyKey } from '../../domain/party';
import type { PushItem } from '../../domain/push-item';
import type { GatewayContext } from '../gateway-context';
import type { LocationStore } from '../ports/location-store.port';
import type { PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import { locationQueueKey, objectPath, pushItem, receivingPeers } from '../push/peer-pushes';

const isStatusPatchOf = (item: PushItem, path: string) =>
  item.kind === 'evse-status' && 'module' in item.target && item.target.path === path;

/**
 * Keeps the Location read model's EVSE statuses current and pushes each change to every registered peer
 * that has a `locations` RECEIVER endpoint (PATCH on the EVSE, mod_locations), on the peer's queue for that
 * Location. Queued PATCHes of the same EVSE not yet attempted are replaced by the newest status.
 */
export class OnConnectorStatusChangedUseCase {
  constructor(
    private readonly model: LocationReadModel,
    private readonly store: LocationStore,
    private readonly peers: PeerRepository,
    private readonly queue: PushQueue,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.ConnectorStatusChanged>): Promise<void> {
    const p = event.payload;
    let mapping: ConnectorMapping | undefined;
    if (p.locationId && p.evseUid && p.connectorId) {
      mapping = {
        stationId: p.stationId,
        ocppEvseId: p.ocppEvseId,
        ocppConnectorId: p.ocppConnectorId,
        locationId: p.locationId,
        evseUid: p.evseUid,
        connectorId: p.connectorId,
      };
      if (this.model.get(p.locationId) && !this.model.hasMapping(mapping)) {
        this.model.learnMapping(mapping);
        await this.store.saveMapping(mapping);
      }
    } else {
      mapping = this.model.findByPosition(p);
    }
    if (!mapping) return;
    const at = new Date(p.at);
    const evse = this.model.applyStatus(mapping.locationId, mapping.evseUid, p.status, at);
    if (!evse) return;
    await this.store.saveStatus({
      locationId: mapping.locationId,
      evseUid: evse.uid,
      status: evse.status,
      at: p.at,
    });

    const body = JSON.stringify({ status: evse.status, last_updated: evse.last_updated });
    const location = this.model.get(mapping.locationId);
    if (!location) return;
    const path = objectPath(location.country_code, location.party_id, location.id, evse.uid);
    for (const peer of await receivingPeers(this.peers, 'locations')) {
      const item = pushItem('evse-status', 'PATCH', { module: 'locations', path }, body, this.ctx.now());
      await this.queue.enqueue(
        locationQueueKey(peer, location.id),
        partyKey(peer.party),
        event.eventId,
        () => ({
          items: [item],
          state: {},
          // the newest status of an EVSE replaces its older ones not yet attempted; other items keep their place
          replacePending: (pending) => pending.filter((i) => !isStatusPatchOf(i, path) || i.attempts > 0),
        }),
      );
    }
  }
}
