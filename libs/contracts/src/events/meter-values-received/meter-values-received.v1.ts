import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { MeterSample, SessionId, StationId } from '../../primitives';

/** The name is fixed by the product card; it drives the session engine's cost-limit loop. */
export const MeterValuesReceivedPayload = z.object({
  sessionId: SessionId.optional(),
  stationId: StationId,
  transactionId: z.string().min(1).max(36).optional(),
  ocppEvseId: z.number().int().min(0),
  ocppConnectorId: z.number().int().min(0).optional(),
  samples: z.array(MeterSample).min(1),
  /** When the gateway received the frame (for the MeterValues -> RemoteStop latency figure). */
  receivedAt: z.iso.datetime({ offset: true }),
});
export type MeterValuesReceivedPayload = z.infer<typeof MeterValuesReceivedPayload>;

export const MeterValuesReceivedV1 = defineEvent({
  type: 'MeterValuesReceived',
  version: 1,
  topic: topic('ocpp.meter-values.received.v1'),
  schema: MeterValuesReceivedPayload,
  keyOf: (p) => p.sessionId ?? (p.transactionId ? `${p.stationId}/${p.transactionId}` : p.stationId),
});
