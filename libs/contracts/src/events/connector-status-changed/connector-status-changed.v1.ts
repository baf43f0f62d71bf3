import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { ciString, Instant, StationId } from '../../primitives';

/** OCPI EVSE status values (Locations module). */
export const OcpiEvseStatus = z.enum([
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
]);
export type OcpiEvseStatus = z.infer<typeof OcpiEvseStatus>;

export const ConnectorStatusChangedPayload = z.object({
  stationId: StationId,
  ocppEvseId: z.number().int().min(0),
  ocppConnectorId: z.number().int().min(0),
  /** The status as the charger said it (1.6 ChargePointStatus or 2.0.1 ConnectorStatusEnumType). */
  ocppStatus: z.string().min(1).max(30),
  errorCode: z.string().max(50).optional(),
  status: OcpiEvseStatus,
  /** The OCPI mapping from the station registry; absent for a connector not mapped to a Location. */
  locationId: ciString(36).optional(),
  evseUid: ciString(36).optional(),
  connectorId: ciString(36).optional(),
  at: Instant,
});
export type ConnectorStatusChangedPayload = z.infer<typeof ConnectorStatusChangedPayload>;

export const ConnectorStatusChangedV1 = defineEvent({
  type: 'ConnectorStatusChanged',
  version: 1,
  topic: topic('ocpp.connector-status.changed.v1'),
  schema: ConnectorStatusChangedPayload,
  keyOf: (p) => p.stationId,
});
