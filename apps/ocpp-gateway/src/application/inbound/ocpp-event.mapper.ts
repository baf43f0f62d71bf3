import {
  ConnectorStatusChangedV1,
  createEvent,
  MeterValuesReceivedV1,
  StationBootedV1,
  TransactionStartedV1,
  TransactionStoppedV1,
  type ConnectorStatusChangedPayload,
  type EventEnvelope,
  type MeterSample,
  type StationBootedPayload,
} from '@tapcharge/contracts';
import type { NormalisedMeterSample } from '@tapcharge/ocpp';
import type { TransactionRecord } from '../ports/transaction-store.port';

/*
 * Frames -> our events. Ids are deterministic from what identifies the fact (station, transaction,
 * seqNo / timestamps), never from the OCPP messageId alone: a charger retrying a message after a lost
 * answer uses a new messageId, and the replay must produce the same event so consumers drop it.
 */

const withSession = (tx: TransactionRecord | undefined) => ({
  ...(tx?.correlationId ? { correlationId: tx.correlationId } : {}),
  ...(tx?.authorizationReference ? { authorizationReference: tx.authorizationReference } : {}),
});

export const toMeterSamples = (samples: readonly NormalisedMeterSample[]): MeterSample[] =>
  samples.map((s) => ({ ...s }));

export function stationBooted(
  producer: string,
  messageId: string,
  payload: StationBootedPayload,
): EventEnvelope {
  return createEvent(StationBootedV1, payload, {
    producer,
    idDiscriminator: `${payload.stationId}:${messageId}:${payload.bootedAt}`,
  });
}

export function connectorStatusChanged(
  producer: string,
  payload: ConnectorStatusChangedPayload,
): EventEnvelope {
  return createEvent(ConnectorStatusChangedV1, payload, {
    producer,
    idDiscriminator: `${payload.stationId}:${payload.ocppEvseId}:${payload.ocppConnectorId}:${payload.ocppStatus}:${payload.at}`,
  });
}

export function transactionStarted(
  producer: string,
  tx: TransactionRecord,
  extra: { remoteStartId?: number; samples: readonly NormalisedMeterSample[] },
): EventEnvelope {
  return createEvent(
    TransactionStartedV1,
    {
      ...(tx.sessionId ? { sessionId: tx.sessionId } : {}),
      stationId: tx.stationId,
      protocol: tx.protocol,
      transactionId: tx.transactionId,
      ocppEvseId: tx.ocppEvseId,
      ocppConnectorId: tx.ocppConnectorId,
      ...(tx.idTag ? { idTag: tx.idTag.slice(0, 36) } : {}),
      ...(extra.remoteStartId !== undefined ? { remoteStartId: extra.remoteStartId } : {}),
      meterStartWh: tx.meterStartWh,
      startedAt: tx.startedAt,
      samples: toMeterSamples(extra.samples),
    },
    { producer, idDiscriminator: `start:${tx.stationId}:${tx.transactionId}`, ...withSession(tx) },
  );
}

export function meterValuesReceived(
  producer: string,
  input: {
    stationId: string;
    tx?: TransactionRecord;
    transactionId?: string;
    ocppEvseId: number;
    ocppConnectorId?: number;
    samples: readonly NormalisedMeterSample[];
    receivedAt: Date;
    /** What identifies this reading: 2.0.1 seqNo, or the sample timestamps for 1.6. */
    discriminator: string;
  },
): EventEnvelope {
  const transactionId = input.tx?.transactionId ?? input.transactionId;
  return createEvent(
    MeterValuesReceivedV1,
    {
      ...(input.tx?.sessionId ? { sessionId: input.tx.sessionId } : {}),
      stationId: input.stationId,
      ...(transactionId ? { transactionId } : {}),
      ocppEvseId: input.ocppEvseId,
      ...(input.ocppConnectorId !== undefined ? { ocppConnectorId: input.ocppConnectorId } : {}),
      samples: toMeterSamples(input.samples),
      receivedAt: input.receivedAt.toISOString(),
    },
    {
      producer,
      idDiscriminator: `meter:${input.stationId}:${transactionId ?? '-'}:${input.discriminator}`,
      ...withSession(input.tx),
    },
  );
}

export function transactionStopped(
  producer: string,
  input: {
    stationId: string;
    protocol: TransactionRecord['protocol'];
    transactionId: string;
    tx?: TransactionRecord;
    meterStopWh?: number;
    stoppedAt: string;
    reason: string;
    samples: readonly NormalisedMeterSample[];
  },
): EventEnvelope {
  return createEvent(
    TransactionStoppedV1,
    {
      ...(input.tx?.sessionId ? { sessionId: input.tx.sessionId } : {}),
      stationId: input.stationId,
      protocol: input.protocol,
      transactionId: input.transactionId,
      ...(input.meterStopWh !== undefined ? { meterStopWh: input.meterStopWh } : {}),
      stoppedAt: input.stoppedAt,
      reason: input.reason,
      samples: toMeterSamples(input.samples),
      unknownTransaction: input.tx === undefined,
    },
    { producer, idDiscriminator: `stop:${input.stationId}:${input.transactionId}`, ...withSession(input.tx) },
  );
}
