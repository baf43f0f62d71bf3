import { maxEnergyWh, readStopTransaction16 } from '@tapcharge/ocpp';
import { required, type InboundHandler } from './inbound.types';
import { transactionStopped } from './ocpp-event.mapper';

/**
 * 1.6 StopTransaction (§4.10). A stop cannot be refused: an unknown transactionId (e.g. `-1` of an
 * offline-started transaction) is answered normally and published with `unknownTransaction: true`.
 */
export const stopTransaction16: InboundHandler = async (call, deps) => {
  const s = required(call, deps, readStopTransaction16(call.params));
  const transactionId = String(s.transactionId);
  const tx = await deps.cache.get(call.stationId, transactionId);
  if (!tx)
    deps.log.warn(
      { station_id: call.stationId, transactionId },
      'StopTransaction for an unknown transaction',
    );
  await deps.sink.publish([
    transactionStopped(deps.producer, {
      stationId: call.stationId,
      protocol: 'ocpp1.6',
      transactionId,
      tx,
      meterStopWh: Math.max(s.meterStopWh, maxEnergyWh(s.samples) ?? 0),
      stoppedAt: s.stoppedAt,
      reason: s.reason,
      samples: s.samples,
    }),
  ]);
  if (tx && !tx.stoppedAt) {
    tx.stoppedAt = s.stoppedAt;
    await deps.transactions.markStopped(call.stationId, transactionId, s.stoppedAt);
  }
  return s.idTag ? { idTagInfo: { status: 'Accepted' } } : {};
};
