import type { InboundHandler } from './inbound.types';
import { stationBooted } from './ocpp-event.mapper';

const str = (v: unknown, max = 50): string => (typeof v === 'string' ? v.slice(0, max) : '');

/**
 * BootNotification (1.6 §4.2, 2.0.1 B01): only registered stations get this far (the upgrade refuses
 * the others), so every boot is Accepted with the heartbeat interval and the current time.
 */
export const bootNotification: InboundHandler = async (call, deps) => {
  const p = (call.params ?? {}) as Record<string, unknown>;
  const cs = (p['chargingStation'] ?? {}) as Record<string, unknown>;
  const is16 = call.protocol === 'ocpp1.6';
  const serial = is16 ? (p['chargePointSerialNumber'] ?? p['chargeBoxSerialNumber']) : cs['serialNumber'];
  const firmware = is16 ? p['firmwareVersion'] : cs['firmwareVersion'];
  const bootedAt = deps.clock.now();
  const now = bootedAt.toISOString();
  const facts = {
    vendor: str(is16 ? p['chargePointVendor'] : cs['vendorName']),
    model: str(is16 ? p['chargePointModel'] : cs['model']),
    ...(typeof serial === 'string' ? { serialNumber: str(serial) } : {}),
    ...(typeof firmware === 'string' ? { firmwareVersion: str(firmware) } : {}),
  };
  await deps.sink.publish([
    stationBooted(deps.producer, call.messageId, {
      stationId: call.stationId,
      protocol: call.protocol,
      ...facts,
      registrationStatus: 'Accepted',
      bootedAt: now,
    }),
  ]);
  deps.status.booted(call.stationId, { ...facts, bootedAt });
  return { status: 'Accepted', currentTime: now, interval: deps.heartbeatIntervalSeconds };
};

export const heartbeat: InboundHandler = async (_call, deps) => ({
  currentTime: deps.clock.now().toISOString(),
});
