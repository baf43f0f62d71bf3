import { readMeterValues16, readMeterValues201, type NormalisedMeterSample } from '@tapcharge/ocpp';
import { required, type InboundHandler } from './inbound.types';
import { meterValuesReceived } from './ocpp-event.mapper';

const span = (samples: readonly NormalisedMeterSample[]) =>
  `${samples[0]?.timestamp}:${samples[samples.length - 1]?.timestamp}:${samples.length}`;

/**
 * MeterValues (1.6 §4.7 / 2.0.1 J01). The hot path: no store round trip (the transaction comes from
 * the in-memory cache), one publish whose ack the answer waits for. A frame without a usable reading is
 * answered and not published.
 */
export const meterValues16: InboundHandler = async (call, deps) => {
  const m = required(call, deps, readMeterValues16(call.params));
  if (m.samples.length === 0) return {};
  const tx =
    m.transactionId !== undefined
      ? await deps.cache.get(call.stationId, String(m.transactionId))
      : deps.cache.openOn(call.stationId, m.connectorId);
  await deps.sink.publish([
    meterValuesReceived(deps.producer, {
      stationId: call.stationId,
      tx,
      transactionId: m.transactionId !== undefined ? String(m.transactionId) : undefined,
      ocppEvseId: m.connectorId,
      ocppConnectorId: m.connectorId,
      samples: m.samples,
      receivedAt: call.receivedAt,
      discriminator: `c${m.connectorId}:${span(m.samples)}`,
    }),
  ]);
  return {};
};

/** 2.0.1 MeterValuesRequest: readings outside a transaction (clock-aligned, triggered). */
export const meterValues201: InboundHandler = async (call, deps) => {
  const m = required(call, deps, readMeterValues201(call.params));
  if (m.samples.length === 0) return {};
  await deps.sink.publish([
    meterValuesReceived(deps.producer, {
      stationId: call.stationId,
      ocppEvseId: m.evseId,
      samples: m.samples,
      receivedAt: call.receivedAt,
      discriminator: `e${m.evseId}:${span(m.samples)}`,
    }),
  ]);
  return {};
};
