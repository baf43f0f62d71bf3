import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, OcppProtocol, StationId } from '../../primitives';

/** A charger's WebSocket came up or went down on a gateway instance. */
export const StationConnectionChangedPayload = z.object({
  stationId: StationId,
  connected: z.boolean(),
  protocol: OcppProtocol.optional(),
  /** The ocpp-gateway instance holding (or that held) the socket. */
  gatewayInstance: z.string().min(1).max(100),
  reason: z.string().max(200).optional(),
  at: Instant,
});
export type StationConnectionChangedPayload = z.infer<typeof StationConnectionChangedPayload>;

export const StationConnectionChangedV1 = defineEvent({
  type: 'StationConnectionChanged',
  version: 1,
  topic: topic('ocpp.station-connection.changed.v1'),
  schema: StationConnectionChangedPayload,
  keyOf: (p) => p.stationId,
});
