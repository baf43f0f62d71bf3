import type { SessionSnapshot } from '@tapcharge/contracts';
import { toOcpiDateTime, toVersionPrice, type OcpiVersion, type Session } from '@tapcharge/ocpi';
import Decimal from 'decimal.js';
import type { Party } from './party';

/** Our session snapshot as the OCPI Session object in the PTP's version (owned by us, the CPO). */
export function toOcpiSession(s: SessionSnapshot, cpo: Party, version: OcpiVersion): Session {
  const session: Session = {
    country_code: cpo.countryCode,
    party_id: cpo.partyId,
    id: s.sessionId,
    start_date_time: toOcpiDateTime(s.startedAt),
    kwh: new Decimal(s.energyWh).div(1000).toDecimalPlaces(4).toNumber(),
    cdr_token: s.token,
    auth_method: 'COMMAND',
    authorization_reference: s.authorizationReference,
    location_id: s.connector.locationId,
    evse_uid: s.connector.evseUid,
    connector_id: s.connector.connectorId,
    currency: s.cost.currency,
    total_cost: toVersionPrice(version, { exclVat: s.cost.exclVat, inclVat: s.cost.inclVat }),
    status: s.ocpiStatus,
    last_updated: toOcpiDateTime(s.lastUpdated),
  } as Session;
  if (s.endedAt !== undefined) session.end_date_time = toOcpiDateTime(s.endedAt);
  return session;
}

/** The PATCH body for a session change: the fields that move, plus the mandatory `last_updated`. */
export function sessionPatchOf(session: Session): Partial<Session> {
  const patch: Partial<Session> = {
    kwh: session.kwh,
    status: session.status,
    last_updated: session.last_updated,
  };
  if (session.total_cost !== undefined) patch.total_cost = session.total_cost;
  if (session.end_date_time !== undefined) patch.end_date_time = session.end_date_time;
  return patch;
}
