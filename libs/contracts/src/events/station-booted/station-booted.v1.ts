import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, OcppProtocol, StationId } from '../../primitives';

export const StationBootedPayload = z.object({
  stationId: StationId,
  protocol: OcppProtocol,
  vendor: z.string().max(50),
  model: z.string().max(50),
  serialNumber: z.string().max(50).optional(),
  firmwareVersion: z.string().max(50).optional(),
  /** `Accepted` or `Pending`/`Rejected` as we answered the BootNotification. */
  registrationStatus: z.enum(['Accepted', 'Pending', 'Rejected']),
  bootedAt: Instant,
});
export type StationBootedPayload = z.infer<typeof StationBootedPayload>;

export const StationBootedV1 = defineEvent({
  type: 'StationBooted',
  version: 1,
  topic: topic('ocpp.station.booted.v1'),
  schema: StationBootedPayload,
  keyOf: (p) => p.stationId,
});
