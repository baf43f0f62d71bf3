/**
 * Messages ocpp-ws-io validates strictly against the official schemas (a violation is answered with the
 * matching CALLERROR by the library). Left out on purpose, and read tolerantly by libs/ocpp instead:
 * StartTransaction, StopTransaction, MeterValues, TransactionEvent (a CALLERROR makes the charger retry
 * and finally drop billing data, OCPP 1.6 §4.7-§4.10, 2.0.1 TC_E_53) and StatusNotification (real
 * chargers send `errorCode: "Error"`, long `info`, zone-less timestamps). Our outgoing commands and the
 * chargers' answers to them are validated too. Names are per version; a name of the other version is
 * simply never seen on a connection.
 */
export const STRICT_METHODS = [
  'BootNotification',
  'Heartbeat',
  'Authorize',
  'DataTransfer',
  'FirmwareStatusNotification',
  'DiagnosticsStatusNotification',
  'NotifyEvent',
  'NotifyReport',
  'SecurityEventNotification',
  'LogStatusNotification',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ChangeConfiguration',
  'TriggerMessage',
  'RequestStartTransaction',
  'RequestStopTransaction',
  'SetVariables',
] as const;
