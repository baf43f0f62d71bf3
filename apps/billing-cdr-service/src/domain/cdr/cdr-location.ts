/** OCPI CdrLocation: the Location/EVSE/connector as at session start (OCPI 2.2.1 / 2.3.0 identical). */
export interface CdrLocation {
  id: string;
  name?: string;
  address: string;
  city: string;
  postal_code?: string;
  state?: string;
  country: string;
  coordinates: { latitude: string; longitude: string };
  evse_uid: string;
  evse_id: string;
  connector_id: string;
  connector_standard: string;
  connector_format: string;
  connector_power_type: string;
}

export interface ConnectorKey {
  locationId: string;
  evseUid: string;
  connectorId: string;
}

/**
 * The CdrLocation when the Location is not in our directory: the ids we know and neutral placeholders
 * for the rest, so the CDR is still produced (a CDR is never dropped) and flagged in its remark.
 */
export function placeholderCdrLocation(k: ConnectorKey): CdrLocation {
  return {
    id: k.locationId,
    address: 'unknown',
    city: 'unknown',
    country: 'ZZZ',
    coordinates: { latitude: '0.000000', longitude: '0.000000' },
    evse_uid: k.evseUid,
    evse_id: k.evseUid.slice(0, 48),
    connector_id: k.connectorId,
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_3_PHASE',
  };
}
