import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, MeterSample, OcppProtocol, SessionId, StationId } from '../../primitives';

export const TransactionStoppedPayload = z.object({
  sessionId: SessionId.optional(),
  stationId: StationId,
  protocol: OcppProtocol,
  transactionId: z.string().min(1).max(36),
  meterStopWh: z.number().nonnegative().optional(),
  stoppedAt: Instant,
  /** 1.6 Reason / 2.0.1 stoppedReason, as the charger said it (`Remote`, `EVDisconnected`, `Local`, ...). */
  reason: z.string().max(40).default('Other'),
  /** 1.6 transactionData / 2.0.1 meter values of the Ended event. */
  samples: z.array(MeterSample).default([]),
  /** True when the gateway had no record of the transaction (answered and recorded, never lost). */
  unknownTransaction: z.boolean().default(false),
});
export type TransactionStoppedPayload = z.infer<typeof TransactionStoppedPayload>;

export const TransactionStoppedV1 = defineEvent({
  type: 'TransactionStopped',
  version: 1,
  topic: topic('ocpp.transaction.stopped.v1'),
  schema: TransactionStoppedPayload,
  keyOf: (p) => p.sessionId ?? `${p.stationId}/${p.transactionId}`,
});
