import { normaliseMeterValues16, type NormalisedMeterSample } from '../meter/meter-values.mapper';
import { stopReasonOf, type StopReason } from '../transaction/stop-reason.mapper';
import { ocpiStatusOf, type OcpiEvseStatus } from '../status/connector-status.mapper';
import {
  asObject,
  optionalInt,
  optionalString,
  readWith,
  requiredInt,
  requiredNumber,
  requiredString,
  type ReadResult,
} from './read-result';
import { requiredTimestamp } from './timestamp-field';

/*
 * Tolerant readers for the OCPP 1.6 transaction-related requests. The spec (§4.7, §4.8, §4.10) says the
 * Central System must answer Start/Stop/MeterValues even when its sanity checks fail, otherwise the
 * charger retries and finally drops billing data; so only a missing or unusable essential field is an
 * error, and everything else is tolerated and reported as a warning.
 */

export interface StartTransaction16 {
  connectorId: number;
  idTag: string;
  meterStartWh: number;
  startedAt: string;
  reservationId?: number;
}

export function readStartTransaction16(params: unknown): ReadResult<StartTransaction16> {
  return readWith((w) => {
    const o = asObject(params, 'StartTransaction.req');
    const idTag = requiredString(o, 'idTag');
    if (idTag.length > 20) w.push('idTag longer than 20 characters');
    const meterStartWh = requiredNumber(o, 'meterStart', w);
    if (meterStartWh < 0) w.push('negative meterStart read as 0');
    return {
      connectorId: requiredInt(o, 'connectorId', w, 0),
      idTag,
      meterStartWh: Math.max(0, meterStartWh),
      startedAt: requiredTimestamp(o, 'timestamp', w),
      reservationId: optionalInt(o, 'reservationId', w),
    };
  });
}

export interface StopTransaction16 {
  /** As the charger sent it; `-1`/unknown ids of offline-started transactions are accepted (§3.5 digest). */
  transactionId: number;
  meterStopWh: number;
  stoppedAt: string;
  reason: StopReason;
  idTag?: string;
  samples: NormalisedMeterSample[];
}

export function readStopTransaction16(params: unknown): ReadResult<StopTransaction16> {
  return readWith((w) => {
    const o = asObject(params, 'StopTransaction.req');
    const meterStopWh = requiredNumber(o, 'meterStop', w);
    const data = normaliseMeterValues16(o['transactionData']);
    w.push(...data.warnings);
    return {
      transactionId: requiredInt(o, 'transactionId', w),
      meterStopWh: Math.max(0, meterStopWh),
      stoppedAt: requiredTimestamp(o, 'timestamp', w),
      reason: stopReasonOf('ocpp1.6', o['reason']),
      idTag: optionalString(o, 'idTag'),
      samples: data.samples,
    };
  });
}

export interface MeterValues16 {
  connectorId: number;
  transactionId?: number;
  samples: NormalisedMeterSample[];
}

export function readMeterValues16(params: unknown): ReadResult<MeterValues16> {
  return readWith((w) => {
    const o = asObject(params, 'MeterValues.req');
    const data = normaliseMeterValues16(o['meterValue']);
    w.push(...data.warnings);
    return {
      connectorId: requiredInt(o, 'connectorId', w, 0),
      transactionId: optionalInt(o, 'transactionId', w),
      samples: data.samples,
    };
  });
}

export interface StatusNotification16 {
  connectorId: number;
  ocppStatus: string;
  errorCode?: string;
  status: OcpiEvseStatus;
  at?: string;
}

/** Tolerates the usual deviations: `errorCode: "Error"`, `info` over 50 chars, zone-less timestamps. */
export function readStatusNotification16(params: unknown): ReadResult<StatusNotification16> {
  return readWith((w) => {
    const o = asObject(params, 'StatusNotification.req');
    const ocppStatus = requiredString(o, 'status');
    const ts = o['timestamp'] === undefined ? undefined : requiredTimestamp(o, 'timestamp', w);
    const errorCode = optionalString(o, 'errorCode');
    return {
      connectorId: requiredInt(o, 'connectorId', w, 0),
      ocppStatus,
      errorCode: errorCode && errorCode !== 'NoError' ? errorCode.slice(0, 50) : undefined,
      status: ocpiStatusOf('ocpp1.6', ocppStatus),
      at: ts,
    };
  });
}
