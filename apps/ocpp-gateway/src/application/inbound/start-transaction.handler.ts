import { readStartTransaction16 } from '@tapcharge/ocpp';
import { required, type InboundHandler } from './inbound.types';
import { transactionStarted } from './ocpp-event.mapper';

/**
 * 1.6 StartTransaction (§4.8). The CSMS assigns the integer transactionId. A retried request (our answer
 * was lost; new messageId, same content) gets the same id again, as SteVe does (steve#1294): a
 * CALLERROR would only make the charger retry and finally drop the transaction.
 */
export const startTransaction16: InboundHandler = async (call, deps) => {
  const s = required(call, deps, readStartTransaction16(call.params));
  const pending = await deps.remoteStarts.match({
    stationId: call.stationId,
    idTag: s.idTag,
    ocppEvseId: s.connectorId,
  });
  const { record } = await deps.transactions.startOrReplay16({
    stationId: call.stationId,
    protocol: 'ocpp1.6',
    ocppEvseId: s.connectorId,
    ocppConnectorId: s.connectorId,
    idTag: s.idTag,
    meterStartWh: s.meterStartWh,
    startedAt: s.startedAt,
    startKey: [call.stationId, s.connectorId, s.idTag, s.startedAt, s.meterStartWh].join('|'),
    ...(pending
      ? {
          sessionId: pending.sessionId,
          correlationId: pending.correlationId,
          authorizationReference: pending.authorizationReference,
        }
      : {}),
  });
  deps.cache.put(record);
  // Published on a replay too: same deterministic event id, so consumers see it once.
  await deps.sink.publish([
    transactionStarted(deps.producer, record, {
      ...(pending ? { remoteStartId: pending.remoteStartId } : {}),
      samples: [],
    }),
  ]);
  return {
    transactionId: Number(record.transactionId),
    idTagInfo: { status: record.sessionId ? 'Accepted' : 'Invalid' },
  };
};
