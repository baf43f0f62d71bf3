import type { OcppVersion } from '@tapcharge/ocpp';

/** Where one OCPP connector sits in the OCPI Location model. */
export interface ConnectorMapping {
  /** OCPP 2.0.1 EVSE id; for 1.6 equal to the connector id. */
  ocppEvseId: number;
  /** 1.6 connectorId; 2.0.1 connectorId within the EVSE. */
  ocppConnectorId: number;
  locationId: string;
  evseUid: string;
  connectorId: string;
}

/** A charging station known to the registry. Only registered stations may connect. */
export interface StationRecord {
  stationId: string;
  /** The protocol the station must speak; absent = whichever it offers (2.0.1 preferred). */
  protocol?: OcppVersion;
  /** scrypt hash (see password-hash.ts); absent = no Basic Auth (only allowed when the gateway permits it). */
  passwordHash?: string;
  connectors: ConnectorMapping[];
  enabled: boolean;
}

export function mappingOf(
  station: StationRecord,
  ocppEvseId: number,
  ocppConnectorId?: number,
): ConnectorMapping | undefined {
  return station.connectors.find(
    (c) =>
      c.ocppEvseId === ocppEvseId && (ocppConnectorId === undefined || c.ocppConnectorId === ocppConnectorId),
  );
}

/** 1.6 has no EVSE level: the connector id is the EVSE id. */
export function evseOf(protocol: OcppVersion, connectorId: number, evseId?: number): number {
  return protocol === 'ocpp1.6' ? connectorId : (evseId ?? connectorId);
}
