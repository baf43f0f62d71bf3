import { Location230, parseOcpi, toOcpiDateTime, type Location } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import type { LocationReadModel } from '../../domain/location-read-model';
import { sameParty } from '../../domain/party';
import type { TariffCatalog } from '../../domain/tariff-catalog';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { LocationStore } from '../ports/location-store.port';
import type { PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import { queueLocationPuts } from '../push/peer-pushes';

export interface UpsertLocationCommand {
  locationId: string;
  body: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Operator: create or replace one of our Locations (an OCPI Location object, 2.2.1 or 2.3.0 fields). It is
 * validated with the OCPI schema, stored (it overrides the seed from then on, also after a restart), served
 * at once and pushed as a PUT to every registered PTP that takes Location pushes.
 *
 * Filled in when absent: our country_code/party_id, and `last_updated` of EVSEs and connectors. The
 * Location's own `last_updated` is always now, so `date_from` pulls see the change. Tariff assignments
 * published by the tariff service (TariffChanged.appliesTo) keep governing the connectors they name.
 */
export class UpsertLocationUseCase {
  constructor(
    private readonly model: LocationReadModel,
    private readonly tariffs: TariffCatalog,
    private readonly store: LocationStore,
    private readonly peers: PeerRepository,
    private readonly queue: PushQueue,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(cmd: UpsertLocationCommand): Promise<Location> {
    if (!isObject(cmd.body)) throw new OcpiError(400, 2001, '(body): expected one OCPI Location object');
    const now = this.ctx.now();
    const stamp = toOcpiDateTime(now);
    const input = withDefaults(cmd.body, this.ctx, stamp);
    const parsed = parseOcpi(Location230, input);
    if (!parsed.ok) throw new OcpiError(400, 2001, parsed.message);
    const location = parsed.value;
    if (location.id.toUpperCase() !== cmd.locationId.toUpperCase())
      throw new OcpiError(400, 2001, `id: "${location.id}" differs from the URL's "${cmd.locationId}"`);
    const owner = { countryCode: location.country_code, partyId: location.party_id };
    if (!sameParty(owner, this.ctx.cpo))
      throw new OcpiError(
        400,
        2001,
        `country_code/party_id: ${location.country_code}/${location.party_id} is not this CPO (${this.ctx.cpo.countryCode}/${this.ctx.cpo.partyId})`,
      );
    if (!isTimeZone(location.time_zone))
      throw new OcpiError(
        400,
        2001,
        `time_zone: "${location.time_zone}" is not an IANA time zone like Europe/Amsterdam`,
      );
    const uids = (location.evses ?? []).map((e) => e.uid.toUpperCase());
    if (new Set(uids).size !== uids.length) throw new OcpiError(400, 2001, 'evses: uid used twice');

    this.model.upsertLocation(location);
    for (const t of this.tariffs.all())
      if (t.appliesTo.length > 0) this.model.assignTariff(t.id, t.appliesTo, now);
    const stored = this.model.get(location.id) as Location;
    await this.store.saveLocation(stored);
    for (const evse of stored.evses ?? [])
      await this.store.saveStatus({
        locationId: stored.id,
        evseUid: evse.uid,
        status: evse.status,
        at: stamp,
      });
    await queueLocationPuts(this.peers, this.queue, this.model, [stored.id], randomUUID(), now);
    return stored;
  }
}

/** Tariff restrictions are evaluated in the Location's time zone: it must be one the runtime knows. */
function isTimeZone(zone: string): boolean {
  if (zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function withDefaults(
  body: Record<string, unknown>,
  ctx: GatewayContext,
  now: string,
): Record<string, unknown> {
  const evses = Array.isArray(body['evses'])
    ? body['evses'].map((e: unknown) =>
        isObject(e)
          ? {
              ...e,
              last_updated: e['last_updated'] ?? now,
              connectors: Array.isArray(e['connectors'])
                ? e['connectors'].map((c: unknown) =>
                    isObject(c) ? { ...c, last_updated: c['last_updated'] ?? now } : c,
                  )
                : e['connectors'],
            }
          : e,
      )
    : body['evses'];
  return {
    ...body,
    country_code: body['country_code'] ?? ctx.cpo.countryCode,
    party_id: body['party_id'] ?? ctx.cpo.partyId,
    ...(evses === undefined ? {} : { evses }),
    last_updated: now,
  };
}
