import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { parseOcpi, tariffSchemaFor } from '@tapcharge/ocpi';
import type { LocationReadModel } from '../../domain/location-read-model';
import { partyKey } from '../../domain/party';
import type { StoredTariff, TariffCatalog } from '../../domain/tariff-catalog';
import type { GatewayContext } from '../gateway-context';
import type { LocationStore } from '../ports/location-store.port';
import type { PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import {
  objectPath,
  pushItem,
  queueLocationPuts,
  receivingPeers,
  versionOf,
  type ReceivingPeer,
} from '../push/peer-pushes';
import { InvalidEventError } from './invalid-event.error';

export const tariffQueueKey = (peer: ReceivingPeer, tariffId: string) =>
  `tariff:${peer.id}:${tariffId.toUpperCase()}`;

/**
 * Latest tariff per id (compacted topic): the Tariffs we serve, the connectors' `tariff_ids`, and the pushes
 * (mod_tariffs, CPO as Sender): every registered peer with a `tariffs` RECEIVER endpoint gets a PUT of the
 * tariff in its own version's shape, or a DELETE when the tariff is removed, on
 * `{tariffs}/{country_code}/{party_id}/{tariff_id}`. One durable queue per peer and tariff keeps them in
 * order; a newer state supersedes an older one not yet attempted. Locations whose `tariff_ids` changed are
 * pushed as well.
 */
export class OnTariffChangedUseCase {
  constructor(
    private readonly catalog: TariffCatalog,
    private readonly model: LocationReadModel,
    private readonly store: LocationStore,
    private readonly peers: PeerRepository,
    private readonly queue: PushQueue,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.TariffChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(p.lastUpdated);
    const path = objectPath(p.countryCode, p.partyId, p.tariffId);
    if (p.tariff === null) {
      const known = this.catalog.get(p.tariffId);
      if (known && Date.parse(known.lastUpdated) > at.getTime()) return; // a newer version overtook the removal
      this.catalog.remove(p.tariffId);
      const changed = this.model.assignTariff(p.tariffId, [], at);
      await this.store.deleteTariff(p.tariffId);
      await queueLocationPuts(this.peers, this.queue, this.model, changed, event.eventId, this.ctx.now());
      await this.push(event.eventId, p.tariffId, () => ({ method: 'DELETE', path, body: '' }));
      return;
    }
    const parsed = parseOcpi(tariffSchemaFor(p.ocpiVersion), p.tariff, 'tariff');
    if (!parsed.ok) throw new InvalidEventError(`TariffChanged ${p.tariffId}: ${parsed.message}`);
    const stored: StoredTariff = {
      id: p.tariffId,
      version: p.ocpiVersion,
      tariff: parsed.value,
      appliesTo: p.appliesTo,
      lastUpdated: parsed.value.last_updated,
    };
    if (!this.catalog.upsert(stored)) return;
    // an empty `appliesTo` carries no assignment: the seed's / earlier tariff_ids stay (ADR 0005)
    const changed = p.appliesTo.length > 0 ? this.model.assignTariff(p.tariffId, p.appliesTo, at) : [];
    await this.store.saveTariff(stored);
    // the Tariff first: a PTP reading a Location should find its tariff_ids already known
    await this.push(event.eventId, p.tariffId, (peer) => ({
      method: 'PUT',
      path,
      body: JSON.stringify(this.catalog.render(stored, versionOf(peer))),
    }));
    await queueLocationPuts(this.peers, this.queue, this.model, changed, event.eventId, this.ctx.now());
  }

  private async push(
    causeId: string,
    tariffId: string,
    call: (peer: ReceivingPeer) => { method: 'PUT' | 'DELETE'; path: string; body: string },
  ): Promise<void> {
    const now = this.ctx.now();
    for (const peer of await receivingPeers(this.peers, 'tariffs')) {
      const { method, path, body } = call(peer);
      const item = pushItem('tariff', method, { module: 'tariffs', path }, body, now);
      // the newest state of a tariff is all a peer needs: older ones not yet attempted are dropped
      await this.queue.enqueue(tariffQueueKey(peer, tariffId), partyKey(peer.party), causeId, (state) => ({
        items: [item],
        state,
        replacePending: () => [],
      }));
    }
  }
}
