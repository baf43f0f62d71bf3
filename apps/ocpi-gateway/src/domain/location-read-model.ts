import {
  inDateRange,
  OCPI_VERSIONS,
  toOcpiDateTime,
  type Connector,
  type Evse,
  type EvseStatus,
  type Location,
  type OcpiVersion,
  type PagingQuery,
} from '@tapcharge/ocpi';

/** Where an OCPI connector sits on a charger (learned from the station seed and ConnectorStatusChanged). */
export interface OcppPosition {
  stationId: string;
  ocppEvseId: number;
  ocppConnectorId: number;
}

export interface ConnectorMapping extends OcppPosition {
  locationId: string;
  evseUid: string;
  connectorId: string;
}

export type ConnectorResolution =
  | { kind: 'unknown-location' }
  | { kind: 'unknown-evse' }
  | { kind: 'unknown-connector' }
  | { kind: 'evse-required' }
  | { kind: 'connector-required' }
  | {
      kind: 'ok';
      location: Location;
      evse: Evse;
      connector: Connector;
      position: OcppPosition | undefined;
    };

const connectorKey = (locationId: string, evseUid: string, connectorId: string) =>
  `${locationId}/${evseUid}/${connectorId}`.toUpperCase();

/**
 * The Locations this CPO publishes, in memory (the hot GET path never touches the store): seed data plus
 * EVSE statuses and tariff assignments. Serialised JSON is cached per version and dropped on change, so a
 * page of 50 is a string join.
 */
export class LocationReadModel {
  private readonly locations = new Map<string, Location>();
  private ordered: Location[] = [];
  private readonly json = new Map<string, string>();
  private readonly positions = new Map<string, OcppPosition>();
  private changes = 0;

  constructor(locations: readonly Location[], mappings: readonly ConnectorMapping[] = []) {
    for (const l of locations) this.locations.set(l.id.toUpperCase(), structuredClone(l));
    for (const m of mappings) this.learnMapping(m);
    this.reorder();
  }

  /** Counts changes: caches of rendered pages compare it to know they are stale. */
  revision(): number {
    return this.changes;
  }

  get size(): number {
    return this.locations.size;
  }

  all(): readonly Location[] {
    return this.ordered;
  }

  /**
   * Creates or replaces a Location (operator). Returns whether it is new. Connector mappings to chargers
   * stay: they are keyed by ids, and a replaced EVSE with the same uid is the same EVSE.
   */
  upsertLocation(location: Location): boolean {
    const key = location.id.toUpperCase();
    const isNew = !this.locations.has(key);
    this.locations.set(key, structuredClone(location));
    this.changed(location);
    return isNew;
  }

  learnMapping(m: ConnectorMapping): void {
    this.positions.set(connectorKey(m.locationId, m.evseUid, m.connectorId), {
      stationId: m.stationId,
      ocppEvseId: m.ocppEvseId,
      ocppConnectorId: m.ocppConnectorId,
    });
  }

  /** The OCPI connector at an OCPP position, when known. */
  findByPosition(p: OcppPosition): ConnectorMapping | undefined {
    for (const [key, pos] of this.positions) {
      if (
        pos.stationId === p.stationId &&
        pos.ocppEvseId === p.ocppEvseId &&
        pos.ocppConnectorId === p.ocppConnectorId
      ) {
        const [locationId = '', evseUid = '', connectorId = ''] = key.split('/');
        const location = this.get(locationId);
        const evse = location?.evses?.find((e) => e.uid.toUpperCase() === evseUid);
        const connector = evse?.connectors.find((c) => c.id.toUpperCase() === connectorId);
        if (location && evse && connector) {
          return { ...pos, locationId: location.id, evseUid: evse.uid, connectorId: connector.id };
        }
      }
    }
    return undefined;
  }

  hasMapping(m: ConnectorMapping): boolean {
    const known = this.positions.get(connectorKey(m.locationId, m.evseUid, m.connectorId));
    return (
      known !== undefined &&
      known.stationId === m.stationId &&
      known.ocppEvseId === m.ocppEvseId &&
      known.ocppConnectorId === m.ocppConnectorId
    );
  }

  /** Sets an EVSE's status; bumps the EVSE's and the Location's last_updated. Returns the EVSE if it changed. */
  applyStatus(locationId: string, evseUid: string, status: EvseStatus, at: Date): Evse | undefined {
    const location = this.locations.get(locationId.toUpperCase());
    const evse = location?.evses?.find((e) => e.uid.toUpperCase() === evseUid.toUpperCase());
    if (!location || !evse || evse.status === status) return undefined;
    const stamp = this.later(evse.last_updated, at);
    evse.status = status;
    evse.last_updated = stamp;
    location.last_updated = this.later(location.last_updated, at);
    this.changed(location);
    return evse;
  }

  /**
   * Assigns a tariff to the connectors in `appliesTo` (`location/evse/connector`) and, with `removeOthers`,
   * removes it elsewhere. Returns the ids of the Locations that changed.
   */
  assignTariff(tariffId: string, appliesTo: readonly string[], at: Date, removeOthers = true): string[] {
    const wanted = new Set(appliesTo.map((a) => a.toUpperCase()));
    const changed: string[] = [];
    for (const location of this.locations.values()) {
      let locationChanged = false;
      for (const evse of location.evses ?? []) {
        for (const connector of evse.connectors) {
          const key = connectorKey(location.id, evse.uid, connector.id);
          const ids = connector.tariff_ids ?? [];
          const has = ids.includes(tariffId);
          const should = wanted.has(key) || (!removeOthers && has);
          if (has === should) continue;
          connector.tariff_ids = should ? [...ids, tariffId] : ids.filter((id) => id !== tariffId);
          connector.last_updated = this.later(connector.last_updated, at);
          evse.last_updated = this.later(evse.last_updated, at);
          locationChanged = true;
        }
      }
      if (locationChanged) {
        location.last_updated = this.later(location.last_updated, at);
        this.changed(location);
        changed.push(location.id);
      }
    }
    return changed;
  }

  get(locationId: string): Location | undefined {
    return this.locations.get(locationId.toUpperCase());
  }

  resolve(locationId: string, evseUid?: string, connectorId?: string): ConnectorResolution {
    const location = this.get(locationId);
    if (!location) return { kind: 'unknown-location' };
    const evses = location.evses ?? [];
    if (evseUid === undefined) {
      if (evses.length !== 1) return { kind: 'evse-required' };
    }
    const evse =
      evseUid === undefined ? evses[0] : evses.find((e) => e.uid.toUpperCase() === evseUid.toUpperCase());
    if (!evse) return { kind: 'unknown-evse' };
    if (connectorId === undefined && evse.connectors.length !== 1) return { kind: 'connector-required' };
    const connector =
      connectorId === undefined
        ? evse.connectors[0]
        : evse.connectors.find((c) => c.id.toUpperCase() === connectorId.toUpperCase());
    if (!connector) return { kind: 'unknown-connector' };
    const position = this.positions.get(connectorKey(location.id, evse.uid, connector.id));
    return { kind: 'ok', location, evse, connector, position };
  }

  /** The Location's JSON in a version's shape (cached). */
  locationJson(location: Location, version: OcpiVersion): string {
    const key = `${version}|${location.id.toUpperCase()}`;
    let s = this.json.get(key);
    if (s === undefined) {
      s = JSON.stringify(renderLocation(location, version));
      this.json.set(key, s);
    }
    return s;
  }

  /** A page of Locations (oldest first), as JSON strings. */
  page(version: OcpiVersion, q: PagingQuery, limit: number): { items: string[]; total: number } {
    const filtered =
      q.date_from === undefined && q.date_to === undefined
        ? this.ordered
        : this.ordered.filter((l) => inDateRange(l.last_updated, q));
    const items = filtered.slice(q.offset, q.offset + limit).map((l) => this.locationJson(l, version));
    return { items, total: filtered.length };
  }

  private later(current: string, at: Date): string {
    const next = toOcpiDateTime(at);
    return Date.parse(next) > Date.parse(current) ? next : current;
  }

  private changed(location: Location): void {
    this.changes++;
    for (const v of OCPI_VERSIONS) this.json.delete(`${v}|${location.id.toUpperCase()}`);
    this.reorder();
  }

  private reorder(): void {
    this.ordered = [...this.locations.values()].sort(
      (a, b) => Date.parse(a.last_updated) - Date.parse(b.last_updated) || a.id.localeCompare(b.id),
    );
  }
}

/**
 * 2.2.1 has no `help_phone` and no connector `capabilities`, and its `address`/`state` are string(45)/(20)
 * where 2.3.0 ed2 allows 255/45: cut to fit, we emit only valid objects. Everything else is shared.
 */
export function renderLocation(location: Location, version: OcpiVersion): Location {
  if (version === '2.3.0') return location;
  const { help_phone: _phone, ...rest } = location as Location & { help_phone?: string };
  return {
    ...rest,
    address: rest.address.slice(0, 45),
    ...(rest.state === undefined ? {} : { state: rest.state.slice(0, 20) }),
    evses: rest.evses?.map((e) => ({
      ...e,
      connectors: e.connectors.map(({ capabilities: _caps, ...c }) => c),
    })),
  } as Location;
}

export function renderEvse(evse: Evse, version: OcpiVersion): Evse {
  if (version === '2.3.0') return evse;
  return { ...evse, connectors: evse.connectors.map(({ capabilities: _caps, ...c }) => c) };
}

export function renderConnector(connector: Connector, version: OcpiVersion): Connector {
  if (version === '2.3.0') return connector;
  const { capabilities: _caps, ...c } = connector;
  return c;
}
