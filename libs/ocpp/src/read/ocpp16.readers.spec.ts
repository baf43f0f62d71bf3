import {
  readMeterValues16,
  readStartTransaction16,
  readStatusNotification16,
  readStopTransaction16,
} from './ocpp16.readers';

const start = { connectorId: 1, idTag: 'P7Q2ABC', meterStart: 1000, timestamp: '2025-04-25T12:00:00Z' };

describe('readStartTransaction16 (OCPP 1.6 §6.45, answered even when sanity checks fail §4.8)', () => {
  it('should read a conforming request', () => {
    expect(readStartTransaction16(start)).toEqual({
      ok: true,
      value: {
        connectorId: 1,
        idTag: 'P7Q2ABC',
        meterStartWh: 1000,
        startedAt: '2025-04-25T12:00:00.000Z',
        reservationId: undefined,
      },
      warnings: [],
    });
  });

  it.each([
    ['connectorId as a string', { connectorId: '1' }, /connectorId sent as a string/],
    ['meterStart as a string', { meterStart: '1000' }, /meterStart sent as a string/],
    ['a timestamp without zone', { timestamp: '2025-04-25T12:00:00' }, /UTC/],
    ['an idTag over 20 chars', { idTag: 'X'.repeat(25) }, /longer than 20/],
    ['a vendor field', { vendorExtra: { a: 1 } }, undefined],
  ])('should tolerate %s', (_name, patch, warning) => {
    const r = readStartTransaction16({ ...start, ...patch });
    expect(r.ok).toBe(true);
    if (r.ok && warning) expect(r.warnings.join()).toMatch(warning);
  });

  it.each([
    ['missing meterStart', { meterStart: undefined }, 'OccurrenceConstraintViolation'],
    ['missing idTag', { idTag: undefined }, 'OccurrenceConstraintViolation'],
    ['connectorId that is not a number', { connectorId: 'one' }, 'TypeConstraintViolation'],
    ['negative connectorId', { connectorId: -1 }, 'PropertyConstraintViolation'],
    ['unreadable timestamp', { timestamp: 'now' }, 'FormatViolation'],
  ])('should refuse %s with %s', (_name, patch, code) => {
    expect(readStartTransaction16({ ...start, ...patch })).toMatchObject({ ok: false, code });
  });

  it('should refuse a payload that is not an object', () => {
    expect(readStartTransaction16([1, 2])).toMatchObject({ ok: false, code: 'TypeConstraintViolation' });
  });
});

describe('readStopTransaction16 (OCPP 1.6 §6.49)', () => {
  const stop = { transactionId: 17, meterStop: 5400, timestamp: '2025-04-25T13:00:00Z' };

  it('should assume reason Local when absent and read transactionData', () => {
    const r = readStopTransaction16({
      ...stop,
      transactionData: [
        {
          timestamp: '2025-04-25T12:00:00Z',
          sampledValue: [{ value: '1000', context: 'Transaction.Begin' }],
        },
        {
          timestamp: '2025-04-25T13:00:00Z',
          sampledValue: [{ value: '5.4', unit: 'kWh', context: 'Transaction.End' }],
        },
      ],
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        transactionId: 17,
        meterStopWh: 5400,
        reason: 'Local',
        samples: [
          { energyWh: 1000, context: 'Transaction.Begin' },
          { energyWh: 5400, context: 'Transaction.End' },
        ],
      },
    });
  });

  it('should accept the -1 placeholder id of an offline-started transaction', () => {
    expect(readStopTransaction16({ ...stop, transactionId: -1, reason: 'EVDisconnected' })).toMatchObject({
      ok: true,
      value: { transactionId: -1, reason: 'EVDisconnected' },
    });
  });

  it('should refuse a stop without meterStop', () => {
    expect(readStopTransaction16({ transactionId: 1, timestamp: stop.timestamp })).toMatchObject({
      ok: false,
      code: 'OccurrenceConstraintViolation',
    });
  });
});

describe('readMeterValues16 (OCPP 1.6 §6.31)', () => {
  it('should read connector, transaction and samples', () => {
    expect(
      readMeterValues16({
        connectorId: 2,
        transactionId: 9,
        meterValue: [{ timestamp: '2025-04-25T12:00:00Z', sampledValue: [{ value: '3.2', unit: 'kWh' }] }],
      }),
    ).toMatchObject({ ok: true, value: { connectorId: 2, transactionId: 9, samples: [{ energyWh: 3200 }] } });
  });
});

describe('readStatusNotification16 (OCPP 1.6 §6.47)', () => {
  it.each([
    [
      { connectorId: 1, errorCode: 'NoError', status: 'Charging' },
      { status: 'CHARGING', errorCode: undefined },
    ],
    [
      { connectorId: 1, errorCode: 'Error', status: 'Faulted', info: 'x'.repeat(80) },
      { status: 'OUTOFORDER', errorCode: 'Error' },
    ],
    [
      { connectorId: 0, errorCode: 'NoError', status: 'Available', timestamp: '2025-04-25T12:00:00+02' },
      { at: '2025-04-25T10:00:00.000Z' },
    ],
  ])('should read %j tolerantly', (params, expected) => {
    expect(readStatusNotification16(params)).toMatchObject({ ok: true, value: expected });
  });
});
