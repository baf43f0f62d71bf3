import { readStatusNotification16, readStatusNotification201 } from '@tapcharge/ocpp';
import { mappingOf } from '../../domain/station';
import { required, type InboundHandler } from './inbound.types';
import { connectorStatusChanged } from './ocpp-event.mapper';

/** StatusNotification (1.6 §4.9, 2.0.1 G01) -> ConnectorStatusChanged with the OCPI mapping. */
export const statusNotification: InboundHandler = async (call, deps) => {
  const at = call.receivedAt.toISOString();
  const s =
    call.protocol === 'ocpp1.6'
      ? (() => {
          const r = required(call, deps, readStatusNotification16(call.params));
          return { ...r, evseId: r.connectorId, ocppConnectorId: r.connectorId, at: r.at ?? at };
        })()
      : (() => {
          const r = required(call, deps, readStatusNotification201(call.params));
          return { ...r, ocppConnectorId: r.connectorId, errorCode: undefined };
        })();
  const mapping = mappingOf(
    call.station,
    s.evseId,
    call.protocol === 'ocpp1.6' ? undefined : s.ocppConnectorId,
  );
  await deps.sink.publish([
    connectorStatusChanged(deps.producer, {
      stationId: call.stationId,
      ocppEvseId: s.evseId,
      ocppConnectorId: s.ocppConnectorId,
      ocppStatus: s.ocppStatus.slice(0, 30),
      ...(s.errorCode ? { errorCode: s.errorCode } : {}),
      status: s.status,
      ...(mapping
        ? { locationId: mapping.locationId, evseUid: mapping.evseUid, connectorId: mapping.connectorId }
        : {}),
      at: s.at,
    }),
  ]);
  return {};
};
