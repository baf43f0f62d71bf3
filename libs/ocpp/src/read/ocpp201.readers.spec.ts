import { readMeterValues201, readStatusNotification201, readTransactionEvent201 } from './ocpp201.readers';

const started = {
  eventType: 'Started',
  timestamp: '2025-04-25T12:00:00Z',
  triggerReason: 'RemoteStart',
  seqNo: 0,
  transactionInfo: { transactionId: 'tx-1', remoteStartId: 42, chargingState: 'EVConnected' },
  evse: { id: 1, connectorId: 1 },
  idToken: { idToken: 'P7Q2ABC', type: 'Central' },
  meterValue: [
    {
      timestamp: '2025-04-25T12:00:00Z',
      sampledValue: [{ value: 0.5, context: 'Transaction.Begin', unitOfMeasure: { unit: 'kWh' } }],
    },
  ],
};

describe('readTransactionEvent201 (OCPP 2.0.1 E01-E15, TransactionEventRequest)', () => {
  it('should read a Started event with remoteStartId echoed (F01.FR.25)', () => {
    expect(readTransactionEvent201(started)).toEqual({
      ok: true,
      warnings: [],
      value: {
        eventType: 'Started',
        at: '2025-04-25T12:00:00.000Z',
        triggerReason: 'RemoteStart',
        seqNo: 0,
        offline: false,
        transactionId: 'tx-1',
        chargingState: 'EVConnected',
        remoteStartId: 42,
        stoppedReason: undefined,
        evseId: 1,
        connectorId: 1,
        idToken: 'P7Q2ABC',
        samples: [{ timestamp: '2025-04-25T12:00:00.000Z', energyWh: 500, context: 'Transaction.Begin' }],
      },
    });
  });

  it.each([
    [
      { eventType: 'Ended', transactionInfo: { transactionId: 'tx-1', stoppedReason: 'Remote' } },
      { stoppedReason: 'Remote' },
    ],
    [{ eventType: 'Ended', transactionInfo: { transactionId: 'tx-1' } }, { stoppedReason: 'Local' }],
    [
      { eventType: 'Updated', offline: true, seqNo: 3 },
      { offline: true, seqNo: 3, stoppedReason: undefined },
    ],
    [{ transactionInfo: { transactionId: 77 } }, { transactionId: '77' }],
  ])('should read %j', (patch, expected) => {
    expect(readTransactionEvent201({ ...started, ...patch })).toMatchObject({ ok: true, value: expected });
  });

  it('should read an Updated event without evse (only the first event of a transaction needs it)', () => {
    const r = readTransactionEvent201({ ...started, eventType: 'Updated', evse: undefined });
    expect(r.ok && r.value.evseId).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it.each([
    ['an unknown eventType', { eventType: 'Paused' }, 'PropertyConstraintViolation'],
    ['no transactionInfo', { transactionInfo: undefined }, 'OccurrenceConstraintViolation'],
    [
      'a transactionId over 36 chars',
      { transactionInfo: { transactionId: 'x'.repeat(37) } },
      'FormatViolation',
    ],
    ['no seqNo', { seqNo: undefined }, 'OccurrenceConstraintViolation'],
    ['a negative seqNo', { seqNo: -1 }, 'PropertyConstraintViolation'],
  ])('should refuse %s with %s', (_name, patch, code) => {
    expect(readTransactionEvent201({ ...started, ...patch })).toMatchObject({ ok: false, code });
  });
});

describe('readMeterValues201 / readStatusNotification201', () => {
  it('should read MeterValuesRequest with evseId', () => {
    expect(
      readMeterValues201({
        evseId: 1,
        meterValue: [{ timestamp: '2025-04-25T12:00:00Z', sampledValue: [{ value: 7 }] }],
      }),
    ).toMatchObject({ ok: true, value: { evseId: 1, samples: [{ energyWh: 7 }] } });
  });

  it('should read StatusNotificationRequest and map the OCPI status', () => {
    expect(
      readStatusNotification201({
        timestamp: '2025-04-25T12:00:00Z',
        connectorStatus: 'Occupied',
        evseId: 2,
        connectorId: 1,
      }),
    ).toMatchObject({
      ok: true,
      value: { evseId: 2, connectorId: 1, ocppStatus: 'Occupied', status: 'CHARGING' },
    });
  });
});
