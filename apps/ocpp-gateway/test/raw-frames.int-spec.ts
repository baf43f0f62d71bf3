import type { TransactionStoppedPayload } from '@tapcharge/contracts';
import { PASSWORD, startHarness, type Harness } from './gateway-harness';
import { RawOcppClient } from './raw-client';

const NOW = () => new Date().toISOString();

describe('hand-written OCPP-J frames on a bare socket (independent of our simulator)', () => {
  let h: Harness;
  let c16: RawOcppClient;
  let c201: RawOcppClient;

  beforeAll(async () => {
    h = await startHarness();
    await h.register('RAW-16', 'ocpp1.6');
    await h.register('RAW-201', 'ocpp2.0.1');
    c16 = await RawOcppClient.open(h.url, 'RAW-16', 'ocpp1.6', PASSWORD);
    c201 = await RawOcppClient.open(h.url, 'RAW-201', 'ocpp2.0.1', PASSWORD);
  });

  afterAll(async () => {
    await c16?.close();
    await c201?.close();
    await h?.stop();
  });

  it('should accept a 1.6 BootNotification with interval and currentTime (1.6 §4.2)', async () => {
    const [type, , payload] = await c16.call('BootNotification', {
      chargePointVendor: 'Raw',
      chargePointModel: 'R1',
    });
    expect(type).toBe(3);
    expect(payload).toMatchObject({
      status: 'Accepted',
      interval: expect.any(Number),
      currentTime: expect.any(String),
    });
  });

  it('should answer a 1.6 CALL with a null payload as an empty one (OCPP-J 1.6 §4.2.1)', async () => {
    const reply = await c16.request('hb-null', '[2,"hb-null","Heartbeat",null]');
    expect(reply).toEqual([3, 'hb-null', { currentTime: expect.any(String) }]);
  });

  it('should give a retried StartTransaction the same transactionId (1.6 §4.8, idempotent)', async () => {
    const start = { connectorId: 1, idTag: 'RFID1', meterStart: 100, timestamp: '2025-04-25T12:00:00Z' };
    const [, , a] = await c16.call('StartTransaction', start);
    const [, , b] = await c16.call('StartTransaction', start);
    expect((a as { transactionId: number }).transactionId).toEqual(
      (b as { transactionId: number }).transactionId,
    );
  });

  it('should answer a StopTransaction for an unknown transaction and record it (1.6 §4.10)', async () => {
    const reply = await c16.call('StopTransaction', {
      transactionId: -1,
      meterStop: 500,
      timestamp: NOW(),
      reason: 'PowerLoss',
    });
    expect(reply[0]).toBe(3);
    const stopped = await h.recorder.waitFor(
      (e) =>
        e.type === 'TransactionStopped' && (e.payload as TransactionStoppedPayload).stationId === 'RAW-16',
    );
    expect(stopped.payload).toMatchObject({
      transactionId: '-1',
      unknownTransaction: true,
      reason: 'PowerLoss',
    });
  });

  it('should tolerate a 1.6 MeterValues with string numbers, kWh and a zone-less timestamp', async () => {
    const reply = await c16.call('MeterValues', {
      connectorId: '1',
      meterValue: [{ timestamp: '2025-04-25T12:05:00', sampledValue: [{ value: '1.5', unit: 'kWh' }] }],
      vendorField: true,
    });
    expect(reply).toEqual([3, expect.any(String), {}]);
  });

  it('should accept the same 2.0.1 TransactionEvent twice and publish it once (transactionId + seqNo)', async () => {
    const event = {
      eventType: 'Updated',
      timestamp: NOW(),
      triggerReason: 'MeterValuePeriodic',
      seqNo: 1,
      transactionInfo: { transactionId: 'raw-tx-1' },
      evse: { id: 1, connectorId: 1 },
      meterValue: [{ timestamp: NOW(), sampledValue: [{ value: 2.5, unitOfMeasure: { unit: 'kWh' } }] }],
    };
    expect((await c201.call('TransactionEvent', event))[0]).toBe(3);
    expect((await c201.call('TransactionEvent', event))[0]).toBe(3);
    const first = await h.recorder.waitFor(
      (e) => e.type === 'MeterValuesReceived' && (e.payload as { stationId: string }).stationId === 'RAW-201',
    );
    expect(first.payload).toMatchObject({ transactionId: 'raw-tx-1', samples: [{ energyWh: 2500 }] });
    const published = h.recorder
      .events('MeterValuesReceived')
      .filter((e) => (e.payload as { stationId: string }).stationId === 'RAW-201');
    expect(new Set(published.map((e) => e.eventId)).size).toBe(1);
  });

  /** Each kind of bad frame with the CALLERROR it must get, per version (OCPP-J 1.6 §4.2.3, 2.0.1 Part 4 §4.3). */
  const MALFORMED: Array<[string, 'ocpp1.6' | 'ocpp2.0.1', (id: string) => string, string]> = [
    ['unknown action', 'ocpp1.6', (id) => `[2,"${id}","FlyToTheMoon",{}]`, 'NotImplemented'],
    ['unknown action', 'ocpp2.0.1', (id) => `[2,"${id}","FlyToTheMoon",{}]`, 'NotImplemented'],
    [
      'BootNotification without vendor (strict)',
      'ocpp1.6',
      (id) => `[2,"${id}","BootNotification",{"chargePointModel":"x"}]`,
      'OccurrenceConstraintViolation',
    ],
    [
      'BootNotification with a number for a string (strict)',
      'ocpp2.0.1',
      (id) =>
        `[2,"${id}","BootNotification",{"reason":"PowerUp","chargingStation":{"model":1,"vendorName":"v"}}]`,
      'TypeConstraintViolation',
    ],
    [
      'BootNotification with an unknown reason (strict)',
      'ocpp2.0.1',
      (id) =>
        `[2,"${id}","BootNotification",{"reason":"Bored","chargingStation":{"model":"m","vendorName":"v"}}]`,
      'PropertyConstraintViolation',
    ],
    [
      'Authorize with an idTag over 20 chars (strict)',
      'ocpp1.6',
      (id) => `[2,"${id}","Authorize",{"idTag":"${'X'.repeat(21)}"}]`,
      'FormationViolation',
    ],
    [
      'StartTransaction without meterStart (tolerant reader)',
      'ocpp1.6',
      (id) =>
        `[2,"${id}","StartTransaction",{"connectorId":1,"idTag":"A","timestamp":"2025-01-01T00:00:00Z"}]`,
      'OccurenceConstraintViolation',
    ],
    [
      'TransactionEvent with an unknown eventType (tolerant reader)',
      'ocpp2.0.1',
      (id) =>
        `[2,"${id}","TransactionEvent",{"eventType":"Paused","timestamp":"2025-01-01T00:00:00Z","triggerReason":"Trigger","seqNo":0,"transactionInfo":{"transactionId":"t"}}]`,
      'PropertyConstraintViolation',
    ],
    [
      'MeterValues with a non-integer connectorId (tolerant reader)',
      'ocpp1.6',
      (id) => `[2,"${id}","MeterValues",{"connectorId":"one","meterValue":[]}]`,
      'TypeConstraintViolation',
    ],
    [
      'a CALL whose payload is an array',
      'ocpp2.0.1',
      (id) => `[2,"${id}","Heartbeat",[]]`,
      'FormatViolation',
    ],
  ];

  it('should answer 1,000 malformed frames with the right CALLERRORs and stay up', async () => {
    const sent: Array<Promise<[string, unknown[]]>> = [];
    const kinds = Array.from({ length: 1000 }, (_, i) => MALFORMED[i % MALFORMED.length]);
    for (const [i, kind] of kinds.entries()) {
      if (!kind) continue;
      const [, version, frame, expected] = kind;
      const client = version === 'ocpp1.6' ? c16 : c201;
      const id = `bad-${i}`;
      sent.push(
        client.request(id, frame(id), 30_000).then((reply) => [expected, reply] as [string, unknown[]]),
      );
    }
    const replies = await Promise.all(sent);
    const wrong = replies.filter(([expected, reply]) => reply[0] !== 4 || reply[2] !== expected);
    expect(wrong.slice(0, 5)).toEqual([]);
    // Unparseable text gets no reply (nothing to answer to), and the connection keeps working.
    c16.send('this is not json');
    c201.send('[2, 42]');
    expect(await c16.call('Heartbeat', {})).toEqual([
      3,
      expect.any(String),
      { currentTime: expect.any(String) },
    ]);
    expect(await c201.call('Heartbeat', {})).toEqual([
      3,
      expect.any(String),
      { currentTime: expect.any(String) },
    ]);
  });
});
