import type { EventEnvelope } from '@tapcharge/contracts';
import { maxEnergyWh, readTransactionEvent201, type TransactionEvent201 } from '@tapcharge/ocpp';
import type { TransactionRecord } from '../ports/transaction-store.port';
import { required, type InboundCall, type InboundDeps, type InboundHandler } from './inbound.types';
import { meterValuesReceived, transactionStarted, transactionStopped } from './ocpp-event.mapper';

/**
 * The transaction an event belongs to. The first event we see of a transaction records it, whichever
 * type it is: offline replays may deliver Ended before the queued Updated events (TC_E_31_CSMS).
 */
async function transactionOf(
  call: InboundCall,
  deps: InboundDeps,
  e: TransactionEvent201,
): Promise<TransactionRecord> {
  const known = await deps.cache.get(call.stationId, e.transactionId);
  if (known) return known;
  const pending = await deps.remoteStarts.match({
    stationId: call.stationId,
    remoteStartId: e.remoteStartId,
    idTag: e.idToken,
  });
  const evseId = e.evseId ?? pending?.ocppEvseId ?? 1;
  const { record } = await deps.transactions.record201({
    stationId: call.stationId,
    transactionId: e.transactionId,
    protocol: 'ocpp2.0.1',
    ocppEvseId: evseId,
    ocppConnectorId: e.connectorId ?? pending?.ocppConnectorId ?? 1,
    ...(e.idToken ? { idTag: e.idToken } : {}),
    meterStartWh: maxEnergyWh(e.samples.filter((s) => s.context === 'Transaction.Begin')) ?? 0,
    startedAt: e.at,
    ...(pending
      ? {
          sessionId: pending.sessionId,
          correlationId: pending.correlationId,
          authorizationReference: pending.authorizationReference,
        }
      : {}),
  });
  deps.cache.put(record);
  return record;
}

/**
 * 2.0.1 TransactionEvent (E01-E15). A TransactionEvent cannot be rejected (TC_E_53); idempotency for
 * replays comes from the event ids: (station, transactionId, seqNo) for Updated, (station,
 * transactionId) for Started and Ended.
 */
export const transactionEvent201: InboundHandler = async (call, deps) => {
  const e = required(call, deps, readTransactionEvent201(call.params));
  const tx = await transactionOf(call, deps, e);
  const events: EventEnvelope[] = [];
  if (e.eventType === 'Started') {
    events.push(
      transactionStarted(deps.producer, tx, {
        ...(e.remoteStartId !== undefined ? { remoteStartId: e.remoteStartId } : {}),
        samples: e.samples,
      }),
    );
  } else if (e.eventType === 'Updated' && e.samples.length > 0) {
    events.push(
      meterValuesReceived(deps.producer, {
        stationId: call.stationId,
        tx,
        ocppEvseId: tx.ocppEvseId,
        ocppConnectorId: tx.ocppConnectorId,
        samples: e.samples,
        receivedAt: call.receivedAt,
        discriminator: `seq${e.seqNo}`,
      }),
    );
  } else if (e.eventType === 'Ended') {
    events.push(
      transactionStopped(deps.producer, {
        stationId: call.stationId,
        protocol: 'ocpp2.0.1',
        transactionId: e.transactionId,
        tx,
        meterStopWh: maxEnergyWh(e.samples),
        stoppedAt: e.at,
        reason: e.stoppedReason ?? 'Local',
        samples: e.samples,
      }),
    );
  }
  await deps.sink.publish(events);
  if (e.eventType === 'Ended' && !tx.stoppedAt) {
    tx.stoppedAt = e.at;
    await deps.transactions.markStopped(call.stationId, e.transactionId, e.at);
  }
  // idTokenInfo whenever the request carries an idToken (2.0.1 use cases E01-E07).
  return e.idToken ? { idTokenInfo: { status: tx.sessionId ? 'Accepted' : 'Invalid' } } : {};
};
