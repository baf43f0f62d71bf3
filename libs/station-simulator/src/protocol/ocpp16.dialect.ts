import type { MeterReading, StationDialect } from './dialect';

const sampledValues = (r: MeterReading) => {
  const values: Record<string, unknown>[] = [
    {
      value: r.energyWh.toFixed(0),
      context: r.context,
      measurand: 'Energy.Active.Import.Register',
      unit: 'Wh',
    },
    { value: r.powerW.toFixed(0), context: r.context, measurand: 'Power.Active.Import', unit: 'W' },
    { value: r.currentA.toFixed(1), context: r.context, measurand: 'Current.Import', unit: 'A', phase: 'L1' },
  ];
  if (r.socPercent !== undefined) {
    values.push({
      value: r.socPercent.toFixed(0),
      context: r.context,
      measurand: 'SoC',
      unit: 'Percent',
      location: 'EV',
    });
  }
  return values;
};

/** OCPP 1.6J: StartTransaction / MeterValues / StopTransaction, CSMS-assigned integer transactionId. */
export const ocpp16Dialect: StationDialect = {
  boot: (vendor, model, serial, firmwareVersion) => ({
    action: 'BootNotification',
    payload: {
      chargePointVendor: vendor,
      chargePointModel: model,
      chargePointSerialNumber: serial,
      ...(firmwareVersion ? { firmwareVersion } : {}),
    },
  }),
  heartbeat: () => ({ action: 'Heartbeat', payload: {} }),
  status: (_evseId, connectorId, state, at) => ({
    action: 'StatusNotification',
    payload: {
      connectorId,
      errorCode: state === 'Faulted' ? 'OtherError' : 'NoError',
      status: state,
      timestamp: at,
    },
  }),
  authorize: (idTag) => ({ action: 'Authorize', payload: { idTag } }),
  start: (tx, r) => ({
    action: 'StartTransaction',
    payload: {
      connectorId: tx.connectorId,
      idTag: tx.idTag,
      meterStart: Math.round(r.energyWh),
      timestamp: r.at,
    },
  }),
  started: (tx, response) => {
    if (typeof response['transactionId'] === 'number') tx.transactionId = String(response['transactionId']);
  },
  meter: (tx, r) => {
    const payload: Record<string, unknown> = {
      connectorId: tx.connectorId,
      meterValue: [{ timestamp: r.at, sampledValue: sampledValues(r) }],
    };
    if (tx.transactionId !== undefined) payload['transactionId'] = Number(tx.transactionId);
    return { action: 'MeterValues', payload };
  },
  stop: (tx, r, reason, _offline, _seqNo, begin) => ({
    action: 'StopTransaction',
    payload: {
      // A transaction that never got an id (started offline, Start dropped) is stopped with -1.
      transactionId: tx.transactionId === undefined ? -1 : Number(tx.transactionId),
      idTag: tx.idTag,
      meterStop: Math.round(r.energyWh),
      timestamp: r.at,
      reason,
      transactionData: [
        ...(begin ? [{ timestamp: begin.at, sampledValue: sampledValues(begin).slice(0, 1) }] : []),
        { timestamp: r.at, sampledValue: sampledValues(r).slice(0, 1) },
      ],
    },
  }),
  reserveSeqNo: () => 0,
  readRemoteStart: (action, p) =>
    action === 'RemoteStartTransaction' && typeof p['idTag'] === 'string'
      ? { idTag: p['idTag'], evseId: typeof p['connectorId'] === 'number' ? p['connectorId'] : undefined }
      : undefined,
  readRemoteStop: (action, p) =>
    action === 'RemoteStopTransaction' && p['transactionId'] !== undefined
      ? String(p['transactionId'])
      : undefined,
  startAnswer: (accepted) => ({ status: accepted ? 'Accepted' : 'Rejected' }),
  stopAnswer: (accepted) => ({ status: accepted ? 'Accepted' : 'Rejected' }),
  readConfiguration: (action, p) => {
    if (action !== 'ChangeConfiguration') return undefined;
    if (p['key'] !== 'MeterValueSampleInterval') return { answer: { status: 'NotSupported' } };
    const seconds = Number(p['value']);
    if (!Number.isInteger(seconds) || seconds < 0) return { answer: { status: 'Rejected' } };
    return { meterIntervalSeconds: seconds, answer: { status: 'Accepted' } };
  },
  readTrigger: (action, p) =>
    action === 'TriggerMessage'
      ? {
          message: String(p['requestedMessage']),
          evseId: typeof p['connectorId'] === 'number' ? p['connectorId'] : undefined,
        }
      : undefined,
  triggerAnswer: (supported) => ({ status: supported ? 'Accepted' : 'NotImplemented' }),
};
