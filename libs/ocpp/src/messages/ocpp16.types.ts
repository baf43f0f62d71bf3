/**
 * OCPP 1.6 (edition 2) message payloads for the actions tapcharge uses. Field names and enum spellings are
 * wire-frozen by the spec (OCPP 1.6 §6 "Messages", §7 "Types").
 */

export type ChargePointStatus16 =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted';

export type ChargePointErrorCode16 =
  | 'ConnectorLockFailure'
  | 'EVCommunicationError'
  | 'GroundFailure'
  | 'HighTemperature'
  | 'InternalError'
  | 'LocalListConflict'
  | 'NoError'
  | 'OtherError'
  | 'OverCurrentFailure'
  | 'PowerMeterFailure'
  | 'PowerSwitchFailure'
  | 'ReaderFailure'
  | 'ResetFailure'
  | 'UnderVoltage'
  | 'OverVoltage'
  | 'WeakSignal';

export type AuthorizationStatus16 = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';

/** OCPP 1.6 §7.44: StopTransaction.req `reason`; `Local` is assumed when absent. */
export type StopReason16 =
  | 'EmergencyStop'
  | 'EVDisconnected'
  | 'HardReset'
  | 'Local'
  | 'Other'
  | 'PowerLoss'
  | 'Reboot'
  | 'Remote'
  | 'SoftReset'
  | 'UnlockCommand'
  | 'DeAuthorized';

export interface IdTagInfo16 {
  status: AuthorizationStatus16;
  expiryDate?: string;
  parentIdTag?: string;
}

/** OCPP 1.6 §7.45 SampledValue: `value` is a string (decimal or signed hex). */
export interface SampledValue16 {
  value: string;
  context?: string;
  format?: 'Raw' | 'SignedData';
  measurand?: string;
  phase?: string;
  location?: string;
  unit?: string;
}

export interface MeterValue16 {
  timestamp: string;
  sampledValue: SampledValue16[];
}

export interface BootNotificationReq16 {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}
export interface BootNotificationConf16 {
  status: RegistrationStatus;
  currentTime: string;
  interval: number;
}

export type HeartbeatReq16 = Record<string, never>;
export interface HeartbeatConf16 {
  currentTime: string;
}

export interface StatusNotificationReq16 {
  connectorId: number;
  errorCode: ChargePointErrorCode16;
  status: ChargePointStatus16;
  info?: string;
  timestamp?: string;
  vendorId?: string;
  vendorErrorCode?: string;
}
export type StatusNotificationConf16 = Record<string, never>;

export interface AuthorizeReq16 {
  idTag: string;
}
export interface AuthorizeConf16 {
  idTagInfo: IdTagInfo16;
}

export interface StartTransactionReq16 {
  connectorId: number;
  idTag: string;
  meterStart: number;
  timestamp: string;
  reservationId?: number;
}
export interface StartTransactionConf16 {
  transactionId: number;
  idTagInfo: IdTagInfo16;
}

export interface MeterValuesReq16 {
  connectorId: number;
  transactionId?: number;
  meterValue: MeterValue16[];
}
export type MeterValuesConf16 = Record<string, never>;

export interface StopTransactionReq16 {
  transactionId: number;
  meterStop: number;
  timestamp: string;
  idTag?: string;
  reason?: StopReason16;
  transactionData?: MeterValue16[];
}
export interface StopTransactionConf16 {
  idTagInfo?: IdTagInfo16;
}

export interface DataTransferReq16 {
  vendorId: string;
  messageId?: string;
  data?: string;
}
export interface DataTransferConf16 {
  status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId';
  data?: string;
}

export interface RemoteStartTransactionReq16 {
  connectorId?: number;
  idTag: string;
}
export interface RemoteStopTransactionReq16 {
  transactionId: number;
}
export interface RemoteStartStopConf16 {
  status: 'Accepted' | 'Rejected';
}

export interface ChangeConfigurationReq16 {
  key: string;
  value: string;
}
export interface ChangeConfigurationConf16 {
  status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';
}

export type TriggerableMessage16 =
  | 'BootNotification'
  | 'DiagnosticsStatusNotification'
  | 'FirmwareStatusNotification'
  | 'Heartbeat'
  | 'MeterValues'
  | 'StatusNotification';
export interface TriggerMessageReq16 {
  requestedMessage: TriggerableMessage16;
  connectorId?: number;
}
export interface TriggerMessageConf16 {
  status: 'Accepted' | 'Rejected' | 'NotImplemented';
}
