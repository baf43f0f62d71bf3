/**
 * OCPP 2.0.1 message payloads for the actions tapcharge uses (OCPP 2.0.1 Part 2 §1 "Messages" and §2
 * "Datatypes"). Enum spellings are wire-frozen.
 */

export type ConnectorStatus201 = 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted';
export type TransactionEventType201 = 'Started' | 'Updated' | 'Ended';
export type ChargingState201 = 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';
export type AuthorizationStatus201 =
  | 'Accepted'
  | 'Blocked'
  | 'ConcurrentTx'
  | 'Expired'
  | 'Invalid'
  | 'NoCredit'
  | 'NotAllowedTypeStation'
  | 'NotAtThisLocation'
  | 'NotAtThisTime'
  | 'Unknown';

/** ReasonEnumType (Part 2 §3.67): TransactionEvent `transactionInfo.stoppedReason`. */
export type StoppedReason201 =
  | 'DeAuthorized'
  | 'EmergencyStop'
  | 'EnergyLimitReached'
  | 'EVDisconnected'
  | 'GroundFault'
  | 'ImmediateReset'
  | 'Local'
  | 'LocalOutOfCredit'
  | 'MasterPass'
  | 'Other'
  | 'OvercurrentFault'
  | 'PowerLoss'
  | 'PowerQuality'
  | 'Reboot'
  | 'Remote'
  | 'SOCLimitReached'
  | 'StoppedByEV'
  | 'TimeLimitReached'
  | 'Timeout';

export type TriggerReason201 =
  | 'Authorized'
  | 'CablePluggedIn'
  | 'ChargingRateChanged'
  | 'ChargingStateChanged'
  | 'Deauthorized'
  | 'EnergyLimitReached'
  | 'EVCommunicationLost'
  | 'EVConnectTimeout'
  | 'MeterValueClock'
  | 'MeterValuePeriodic'
  | 'TimeLimitReached'
  | 'Trigger'
  | 'UnlockCommand'
  | 'StopAuthorized'
  | 'EVDeparted'
  | 'EVDetected'
  | 'RemoteStop'
  | 'RemoteStart'
  | 'AbnormalCondition'
  | 'SignedDataReceived'
  | 'ResetCommand';

export interface IdToken201 {
  idToken: string;
  type:
    'Central' | 'eMAID' | 'ISO14443' | 'ISO15693' | 'KeyCode' | 'Local' | 'MacAddress' | 'NoAuthorization';
}

export interface IdTokenInfo201 {
  status: AuthorizationStatus201;
}

export interface UnitOfMeasure201 {
  unit?: string;
  /** Power of ten applied to `value` (Part 2 §2.52, default 0). */
  multiplier?: number;
}

/** SampledValueType (Part 2 §2.46): `value` is a number. */
export interface SampledValue201 {
  value: number;
  context?: string;
  measurand?: string;
  phase?: string;
  location?: string;
  unitOfMeasure?: UnitOfMeasure201;
}

export interface MeterValue201 {
  timestamp: string;
  sampledValue: SampledValue201[];
}

export interface Evse201 {
  id: number;
  connectorId?: number;
}

export interface BootNotificationReq201 {
  reason: string;
  chargingStation: {
    model: string;
    vendorName: string;
    serialNumber?: string;
    firmwareVersion?: string;
  };
}
export interface BootNotificationConf201 {
  currentTime: string;
  interval: number;
  status: 'Accepted' | 'Pending' | 'Rejected';
}

export type HeartbeatReq201 = Record<string, never>;
export interface HeartbeatConf201 {
  currentTime: string;
}

export interface StatusNotificationReq201 {
  timestamp: string;
  connectorStatus: ConnectorStatus201;
  evseId: number;
  connectorId: number;
}

export interface AuthorizeReq201 {
  idToken: IdToken201;
}
export interface AuthorizeConf201 {
  idTokenInfo: IdTokenInfo201;
}

export interface TransactionEventReq201 {
  eventType: TransactionEventType201;
  timestamp: string;
  triggerReason: TriggerReason201;
  seqNo: number;
  offline?: boolean;
  numberOfPhasesUsed?: number;
  transactionInfo: {
    transactionId: string;
    chargingState?: ChargingState201;
    timeSpentCharging?: number;
    stoppedReason?: StoppedReason201;
    remoteStartId?: number;
  };
  evse?: Evse201;
  idToken?: IdToken201;
  meterValue?: MeterValue201[];
}
export interface TransactionEventConf201 {
  idTokenInfo?: IdTokenInfo201;
}

export interface MeterValuesReq201 {
  evseId: number;
  meterValue: MeterValue201[];
}

export interface NotifyEventReq201 {
  generatedAt: string;
  seqNo: number;
  tbc?: boolean;
  eventData: Array<Record<string, unknown>>;
}

export interface RequestStartTransactionReq201 {
  idToken: IdToken201;
  remoteStartId: number;
  evseId?: number;
}
export interface RequestStartTransactionConf201 {
  status: 'Accepted' | 'Rejected';
  transactionId?: string;
}

export interface RequestStopTransactionReq201 {
  transactionId: string;
}
export interface RequestStopTransactionConf201 {
  status: 'Accepted' | 'Rejected';
}

export interface SetVariableData201 {
  component: { name: string; instance?: string; evse?: Evse201 };
  variable: { name: string; instance?: string };
  attributeValue: string;
}
export interface SetVariablesReq201 {
  setVariableData: SetVariableData201[];
}
export type SetVariableStatus201 =
  | 'Accepted'
  | 'Rejected'
  | 'UnknownComponent'
  | 'UnknownVariable'
  | 'NotSupportedAttributeType'
  | 'RebootRequired';
export interface SetVariablesConf201 {
  setVariableResult: Array<{
    attributeStatus: SetVariableStatus201;
    component: { name: string };
    variable: { name: string };
  }>;
}

export type TriggerableMessage201 =
  | 'BootNotification'
  | 'LogStatusNotification'
  | 'FirmwareStatusNotification'
  | 'Heartbeat'
  | 'MeterValues'
  | 'SignChargingStationCertificate'
  | 'SignV2GCertificate'
  | 'StatusNotification'
  | 'TransactionEvent'
  | 'SignCombinedCertificate'
  | 'PublishFirmwareStatusNotification';
export interface TriggerMessageReq201 {
  requestedMessage: TriggerableMessage201;
  evse?: Evse201;
}
export interface TriggerMessageConf201 {
  status: 'Accepted' | 'Rejected' | 'NotImplemented';
}
