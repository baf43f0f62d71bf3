import { normaliseMeterValues201, type NormalisedMeterSample } from '../meter/meter-values.mapper';
import { ocpiStatusOf, type OcpiEvseStatus } from '../status/connector-status.mapper';
import { stopReasonOf, type StopReason } from '../transaction/stop-reason.mapper';
import {
  asObject,
  optionalInt,
  optionalString,
  PayloadProblem,
  readWith,
  requiredInt,
  requiredString,
  type Obj,
  type ReadResult,
} from './read-result';
import { requiredTimestamp } from './timestamp-field';

export type TransactionEventKind = 'Started' | 'Updated' | 'Ended';

export interface TransactionEvent201 {
  eventType: TransactionEventKind;
  at: string;
  triggerReason: string;
  /** Increases by one per TransactionEvent of a transaction (Part 2 E, TC_E_53: starts at 0). */
  seqNo: number;
  offline: boolean;
  transactionId: string;
  chargingState?: string;
  remoteStartId?: number;
  /** Only meaningful for `Ended`; `Local` when omitted. */
  stoppedReason?: StopReason;
  evseId?: number;
  connectorId?: number;
  idToken?: string;
  samples: NormalisedMeterSample[];
}

const EVENT_TYPES: readonly TransactionEventKind[] = ['Started', 'Updated', 'Ended'];

function readEvse(o: Obj, w: string[]): { evseId?: number; connectorId?: number } {
  const evse = o['evse'];
  if (evse === undefined || evse === null) return {};
  const e = asObject(evse, 'evse');
  return { evseId: requiredInt(e, 'id', w, 0), connectorId: optionalInt(e, 'connectorId', w) };
}

/**
 * TransactionEvent (E01-E15). A TransactionEvent cannot be rejected (TC_E_53), so like the 1.6
 * transaction messages only the fields we cannot do without make it an error.
 */
export function readTransactionEvent201(params: unknown): ReadResult<TransactionEvent201> {
  return readWith((w) => {
    const o = asObject(params, 'TransactionEventRequest');
    const eventType = requiredString(o, 'eventType') as TransactionEventKind;
    if (!EVENT_TYPES.includes(eventType)) {
      throw new PayloadProblem(
        'PropertyConstraintViolation',
        `eventType ${eventType} is not Started/Updated/Ended`,
      );
    }
    const info = o['transactionInfo'];
    if (info === undefined || info === null) {
      throw new PayloadProblem('OccurrenceConstraintViolation', 'transactionInfo is required');
    }
    const ti = asObject(info, 'transactionInfo');
    const transactionId = requiredString(ti, 'transactionId');
    if (transactionId.length > 36)
      throw new PayloadProblem('FormatViolation', 'transactionId longer than 36');
    const meter = normaliseMeterValues201(o['meterValue']);
    w.push(...meter.warnings);
    const idTokenObj = o['idToken'];
    const idToken =
      typeof idTokenObj === 'object' && idTokenObj !== null
        ? optionalString(idTokenObj as Obj, 'idToken')
        : undefined;
    return {
      eventType,
      at: requiredTimestamp(o, 'timestamp', w),
      triggerReason: optionalString(o, 'triggerReason') ?? 'Trigger',
      seqNo: requiredInt(o, 'seqNo', w, 0),
      offline: o['offline'] === true,
      transactionId,
      chargingState: optionalString(ti, 'chargingState'),
      remoteStartId: optionalInt(ti, 'remoteStartId', w),
      stoppedReason: eventType === 'Ended' ? stopReasonOf('ocpp2.0.1', ti['stoppedReason']) : undefined,
      ...readEvse(o, w),
      idToken,
      samples: meter.samples,
    };
  });
}

export interface MeterValues201 {
  evseId: number;
  samples: NormalisedMeterSample[];
}

export function readMeterValues201(params: unknown): ReadResult<MeterValues201> {
  return readWith((w) => {
    const o = asObject(params, 'MeterValuesRequest');
    const meter = normaliseMeterValues201(o['meterValue']);
    w.push(...meter.warnings);
    return { evseId: requiredInt(o, 'evseId', w, 0), samples: meter.samples };
  });
}

export interface StatusNotification201 {
  evseId: number;
  connectorId: number;
  ocppStatus: string;
  status: OcpiEvseStatus;
  at: string;
}

export function readStatusNotification201(params: unknown): ReadResult<StatusNotification201> {
  return readWith((w) => {
    const o = asObject(params, 'StatusNotificationRequest');
    const ocppStatus = requiredString(o, 'connectorStatus');
    return {
      evseId: requiredInt(o, 'evseId', w, 0),
      connectorId: requiredInt(o, 'connectorId', w, 0),
      ocppStatus,
      status: ocpiStatusOf('ocpp2.0.1', ocppStatus),
      at: requiredTimestamp(o, 'timestamp', w),
    };
  });
}
