import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, MeterSample, OcppProtocol, SessionId, StationId } from '../../primitives';

export const TransactionStartedPayload = z.object({
  /** Our session id when the gateway matched the transaction to a remote start; absent for local starts. */
  sessionId: SessionId.optional(),
  stationId: StationId,
  protocol: OcppProtocol,
  /** 1.6 integer transactionId (as a string) or 2.0.1 transactionId. */
  transactionId: z.string().min(1).max(36),
  ocppEvseId: z.number().int().min(0),
  ocppConnectorId: z.number().int().min(0),
  idTag: z.string().max(36).optional(),
  /** 2.0.1 remoteStartId echoed by the charger. */
  remoteStartId: z.number().int().optional(),
  meterStartWh: z.number().nonnegative(),
  startedAt: Instant,
  samples: z.array(MeterSample).default([]),
});
export type TransactionStartedPayload = z.infer<typeof TransactionStartedPayload>;

export const TransactionStartedV1 = defineEvent({
  type: 'TransactionStarted',
  version: 1,
  topic: topic('ocpp.transaction.started.v1'),
  schema: TransactionStartedPayload,
  keyOf: (p) => p.sessionId ?? `${p.stationId}/${p.transactionId}`,
});
