import {
  readMeterValues16,
  readStartTransaction16,
  readStopTransaction16,
  readTransactionEvent201,
} from '@tapcharge/ocpp';
import type { MeterReading, SimTransaction } from './dialect';
import { ocpp16Dialect } from './ocpp16.dialect';
import { ocpp201Dialect } from './ocpp201.dialect';

const tx = (): SimTransaction => ({
  localId: 'l1',
  evseId: 1,
  connectorId: 1,
  idTag: 'CARD-1',
  remoteStartId: 42,
  nextSeqNo: 0,
  meterStartWh: 1000,
  startedAt: '2025-04-25T12:00:00.000Z',
  stopped: false,
});
const reading = (energyWh: number, context: MeterReading['context']): MeterReading => ({
  at: '2025-04-25T12:00:00.000Z',
  energyWh,
  powerW: 11_000,
  currentA: 15.9,
  socPercent: 40,
  context,
});

/** The simulator's frames must be read back by the gateway's own readers: a round trip through libs/ocpp. */
describe('simulator frames read back by libs/ocpp', () => {
  it('should produce 1.6 Start/MeterValues/Stop the 1.6 readers accept', () => {
    const t = tx();
    expect(
      readStartTransaction16(ocpp16Dialect.start(t, reading(1000, 'Transaction.Begin'), false, 0).payload),
    ).toMatchObject({
      ok: true,
      value: { meterStartWh: 1000, idTag: 'CARD-1' },
    });
    ocpp16Dialect.started(t, { transactionId: 17, idTagInfo: { status: 'Accepted' } });
    expect(t.transactionId).toBe('17');
    expect(
      readMeterValues16(ocpp16Dialect.meter(t, reading(2500, 'Sample.Periodic'), false, 0).payload),
    ).toMatchObject({
      ok: true,
      value: { transactionId: 17, samples: [{ energyWh: 2500, powerW: 11_000, socPercent: 40 }] },
    });
    expect(
      readStopTransaction16(
        ocpp16Dialect.stop(t, reading(3000, 'Transaction.End'), 'Remote', false, 0).payload,
      ),
    ).toMatchObject({
      ok: true,
      value: { transactionId: 17, meterStopWh: 3000, reason: 'Remote' },
    });
  });

  it('should produce 2.0.1 TransactionEvents with the reserved seqNo and remoteStartId', () => {
    const t = tx();
    const s0 = ocpp201Dialect.reserveSeqNo(t);
    const started = readTransactionEvent201(
      ocpp201Dialect.start(t, reading(1000, 'Transaction.Begin'), false, s0).payload,
    );
    expect(started).toMatchObject({
      ok: true,
      value: { eventType: 'Started', seqNo: 0, remoteStartId: 42, samples: [{ energyWh: 1000 }] },
    });
    const s1 = ocpp201Dialect.reserveSeqNo(t);
    const updated = readTransactionEvent201(
      ocpp201Dialect.meter(t, reading(1234.5, 'Sample.Periodic'), true, s1).payload,
    );
    expect(updated).toMatchObject({
      ok: true,
      value: { eventType: 'Updated', seqNo: 1, offline: true, samples: [{ energyWh: 1234.5 }] },
    });
    const ended = readTransactionEvent201(
      ocpp201Dialect.stop(t, reading(2000, 'Transaction.End'), 'Remote', false, 2).payload,
    );
    expect(ended).toMatchObject({
      ok: true,
      value: { eventType: 'Ended', seqNo: 2, stoppedReason: 'Remote' },
    });
  });

  it.each([
    [
      ocpp16Dialect,
      'ChangeConfiguration',
      { key: 'MeterValueSampleInterval', value: '10' },
      10,
      { status: 'Accepted' },
    ],
    [
      ocpp16Dialect,
      'ChangeConfiguration',
      { key: 'HeartbeatInterval', value: '10' },
      undefined,
      { status: 'NotSupported' },
    ],
    [
      ocpp201Dialect,
      'SetVariables',
      {
        setVariableData: [
          {
            component: { name: 'SampledDataCtrlr' },
            variable: { name: 'TxUpdatedInterval' },
            attributeValue: '15',
          },
        ],
      },
      15,
      {
        setVariableResult: [
          {
            attributeStatus: 'Accepted',
            component: { name: 'SampledDataCtrlr' },
            variable: { name: 'TxUpdatedInterval' },
          },
        ],
      },
    ],
  ])('should read the meter interval from %#', (dialect, action, payload, seconds, answer) => {
    expect(dialect.readConfiguration(action, payload)).toEqual({ meterIntervalSeconds: seconds, answer });
  });
});

describe('BootNotification (1.6 §6.4, 2.0.1 B01) with the firmware version the station reports', () => {
  it.each([
    [
      ocpp16Dialect,
      {
        chargePointVendor: 'V',
        chargePointModel: 'M',
        chargePointSerialNumber: 'SN-1',
        firmwareVersion: 'fw-2',
      },
    ],
    [
      ocpp201Dialect,
      {
        reason: 'PowerUp',
        chargingStation: { vendorName: 'V', model: 'M', serialNumber: 'SN-1', firmwareVersion: 'fw-2' },
      },
    ],
  ])('should put vendor, model, serial and firmware where the version expects them (%#)', (d, payload) => {
    expect(d.boot('V', 'M', 'SN-1', 'fw-2')).toEqual({ action: 'BootNotification', payload });
  });

  it('should leave the optional firmwareVersion out when there is none', () => {
    expect(ocpp16Dialect.boot('V', 'M', 'SN-1').payload).not.toHaveProperty('firmwareVersion');
    expect(ocpp201Dialect.boot('V', 'M', 'SN-1').payload['chargingStation']).not.toHaveProperty(
      'firmwareVersion',
    );
  });
});
