import { randomUUID } from 'node:crypto';
import type { MeterReading, OutCall, SimConnectorState, SimTransaction, StationDialect } from './dialect';

const meterValue = (r: MeterReading) => {
  const sampledValue: Record<string, unknown>[] = [
    // Sent in kWh with a multiplier-free unit, as many DC chargers do; the gateway normalises to Wh.
    {
      value: Number((r.energyWh / 1000).toFixed(4)),
      context: r.context,
      measurand: 'Energy.Active.Import.Register',
      unitOfMeasure: { unit: 'kWh' },
    },
    {
      value: Math.round(r.powerW),
      context: r.context,
      measurand: 'Power.Active.Import',
      unitOfMeasure: { unit: 'W' },
    },
    {
      value: Number(r.currentA.toFixed(1)),
      context: r.context,
      measurand: 'Current.Import',
      phase: 'L1',
      unitOfMeasure: { unit: 'A' },
    },
  ];
  if (r.socPercent !== undefined) {
    sampledValue.push({
      value: Math.round(r.socPercent),
      context: r.context,
      measurand: 'SoC',
      location: 'EV',
      unitOfMeasure: { unit: 'Percent' },
    });
  }
  return [{ timestamp: r.at, sampledValue }];
};

const CONNECTOR_STATUS: Record<SimConnectorState, string> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  Finishing: 'Occupied',
  Faulted: 'Faulted',
};

function transactionEvent(
  tx: SimTransaction,
  eventType: 'Started' | 'Updated' | 'Ended',
  triggerReason: string,
  r: MeterReading,
  offline: boolean,
  seqNo: number,
  extra: Record<string, unknown> = {},
): OutCall {
  const payload: Record<string, unknown> = {
    eventType,
    timestamp: r.at,
    triggerReason,
    seqNo,
    transactionInfo: {
      transactionId: tx.transactionId,
      chargingState: eventType === 'Ended' ? 'EVConnected' : 'Charging',
      ...extra,
    },
    meterValue: meterValue(r),
  };
  if (offline) payload['offline'] = true;
  if (eventType === 'Started') {
    payload['evse'] = { id: tx.evseId, connectorId: tx.connectorId };
    payload['idToken'] = { idToken: tx.idTag, type: tx.remoteStartId !== undefined ? 'Central' : 'ISO14443' };
  }
  return { action: 'TransactionEvent', payload };
}

/** OCPP 2.0.1: TransactionEvent Started/Updated/Ended with seqNo, station-generated transactionId. */
export const ocpp201Dialect: StationDialect = {
  boot: (vendor, model, serial, firmwareVersion) => ({
    action: 'BootNotification',
    payload: {
      reason: 'PowerUp',
      chargingStation: {
        vendorName: vendor,
        model,
        serialNumber: serial,
        ...(firmwareVersion ? { firmwareVersion } : {}),
      },
    },
  }),
  heartbeat: () => ({ action: 'Heartbeat', payload: {} }),
  status: (evseId, connectorId, state, at) => ({
    action: 'StatusNotification',
    payload: { timestamp: at, connectorStatus: CONNECTOR_STATUS[state], evseId, connectorId },
  }),
  authorize: (idTag) => ({ action: 'Authorize', payload: { idToken: { idToken: idTag, type: 'ISO14443' } } }),
  reserveSeqNo: (tx) => tx.nextSeqNo++,
  start: (tx, r, offline, seqNo) => {
    tx.transactionId ??= randomUUID();
    const extra = tx.remoteStartId !== undefined ? { remoteStartId: tx.remoteStartId } : {};
    return transactionEvent(
      tx,
      'Started',
      tx.remoteStartId !== undefined ? 'RemoteStart' : 'Authorized',
      r,
      offline,
      seqNo,
      extra,
    );
  },
  started: () => undefined,
  meter: (tx, r, offline, seqNo) => transactionEvent(tx, 'Updated', 'MeterValuePeriodic', r, offline, seqNo),
  stop: (tx, r, reason, offline, seqNo) =>
    transactionEvent(tx, 'Ended', reason === 'Remote' ? 'RemoteStop' : 'StopAuthorized', r, offline, seqNo, {
      stoppedReason: reason,
    }),
  readRemoteStart: (action, p) => {
    if (action !== 'RequestStartTransaction') return undefined;
    const token = p['idToken'] as Record<string, unknown> | undefined;
    if (!token || typeof token['idToken'] !== 'string') return undefined;
    return {
      idTag: token['idToken'],
      evseId: typeof p['evseId'] === 'number' ? p['evseId'] : undefined,
      remoteStartId: typeof p['remoteStartId'] === 'number' ? p['remoteStartId'] : undefined,
    };
  },
  readRemoteStop: (action, p) =>
    action === 'RequestStopTransaction' && typeof p['transactionId'] === 'string'
      ? p['transactionId']
      : undefined,
  startAnswer: (accepted) => ({ status: accepted ? 'Accepted' : 'Rejected' }),
  stopAnswer: (accepted) => ({ status: accepted ? 'Accepted' : 'Rejected' }),
  readConfiguration: (action, p) => {
    if (action !== 'SetVariables' || !Array.isArray(p['setVariableData'])) return undefined;
    let meterIntervalSeconds: number | undefined;
    type Named = { name?: unknown } | undefined;
    const setVariableResult = (p['setVariableData'] as Array<Record<string, unknown>>).map((d) => {
      const component = { name: String((d['component'] as Named)?.name) };
      const variable = { name: String((d['variable'] as Named)?.name) };
      const known = component.name === 'SampledDataCtrlr' && variable.name === 'TxUpdatedInterval';
      const seconds = Number(d['attributeValue']);
      const ok = known && Number.isInteger(seconds) && seconds >= 0;
      if (ok) meterIntervalSeconds = seconds;
      const attributeStatus = ok ? 'Accepted' : known ? 'Rejected' : 'UnknownVariable';
      return { attributeStatus, component, variable };
    });
    return { meterIntervalSeconds, answer: { setVariableResult } };
  },
  readTrigger: (action, p) => {
    if (action !== 'TriggerMessage') return undefined;
    const evse = p['evse'] as Record<string, unknown> | undefined;
    return {
      message: String(p['requestedMessage']),
      evseId: typeof evse?.['id'] === 'number' ? evse['id'] : undefined,
    };
  },
  triggerAnswer: (supported) => ({ status: supported ? 'Accepted' : 'NotImplemented' }),
};
