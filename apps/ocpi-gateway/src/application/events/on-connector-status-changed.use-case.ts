import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { toOcpiDateTime } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import type { ConnectorMapping, LocationReadModel } from '../../domain/location-read-model';
import { partyKey } from '../../domain/party';
import { MAX_ATTEMPTS, type PushItem } from '../../domain/push-item';
import type { GatewayContext } from '../gateway-context';
import type { LocationStore } from '../ports/location-store.port';
import type { PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';

/**
 * Keeps the Location read model's EVSE statuses current and pushes each change to every registered peer
 * that has a `locations` receiver endpoint (PATCH on the EVSE, mod_locations). Queued pushes for the same
 * EVSE that were not yet attempted are replaced by the newest status (coalescing).
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
    const path = `${this.ctx.cpo.countryCode}/${this.ctx.cpo.partyId}/${mapping.locationId}/${evse.uid}`;
    for (const peer of await this.peers.listRegistered()) {
      if (!peer.party || !peer.endpoints.some((e) => e.identifier === 'locations')) continue;
      const item: PushItem = {
        id: randomUUID(),
        kind: 'evse-status',
        method: 'PATCH',
        target: { module: 'locations', path },
        body,
        attempts: 0,
        maxAttempts: MAX_ATTEMPTS['evse-status'],
        createdAt: toOcpiDateTime(this.ctx.now()),
      };
      await this.queue.enqueue(`evse:${peer.id}:${evse.uid}`, partyKey(peer.party), event.eventId, () => ({
        items: [item],
        state: {},
        replacePending: (pending) => pending.filter((i) => i.attempts > 0),
      }));
    }
  }
}
