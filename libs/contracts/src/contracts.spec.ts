import {
  ContractViolation,
  createEvent,
  decodeEvent,
  deriveEventId,
  dlqTopicOf,
  encodeEvent,
  EVENTS,
  isEvent,
  MeterValuesReceivedV1,
  StartSessionRequestedV1,
  TOPICS,
  type EventType,
} from './index';
import { SAMPLE_PAYLOADS } from './testing';

const types = Object.keys(EVENTS) as EventType[];

describe('event registry (DESIGN.md §3)', () => {
  it('covers every event of the flow, with the two product-card names kept exactly', () => {
    expect(types).toEqual(
      expect.arrayContaining([
        'StationBooted',
        'ConnectorStatusChanged',
        'TransactionStarted',
        'MeterValuesReceived',
        'TransactionStopped',
        'StationCommandCompleted',
        'StartSessionRequested',
        'StopSessionRequested',
        'PaymentConfirmed',
        'TerminalRegistered',
        'StationCommandRequested',
        'SessionStarted',
        'SessionUpdated',
        'MaxPriceReached',
        'SessionCompleted',
        'CommandResultReady',
        'TariffChanged',
        'CdrCreated',
        'InvoiceIssued',
        'ReconciliationMismatch',
      ]),
    );
  });

  it.each(types)('%s: topic follows <context>.<event-past-tense>.v<major> and matches the version', (t) => {
    const def = EVENTS[t];
    expect(def.type).toBe(t);
    expect(def.topic.name).toMatch(/^[a-z]+\.[a-z-]+(\.[a-z-]+)?\.v\d+$/);
    expect(def.topic.name.endsWith(`.v${def.version}`)).toBe(true);
  });

  it('has one topic per event and co-partitioned counts', () => {
    expect(Object.keys(TOPICS)).toHaveLength(types.length);
    expect(new Set(Object.values(TOPICS).map((t) => t.partitions)).size).toBe(1);
    expect(TOPICS['tariff.changed.v1']?.cleanupPolicy).toBe('compact');
    expect(dlqTopicOf('ocpp.meter-values.received.v1')).toBe('ocpp.meter-values.received.v1.dlq');
  });
});

describe('round trip: createEvent -> encode -> decode', () => {
  it.each(types)('%s', (t) => {
    const def = EVENTS[t];
    const env = createEvent(def, SAMPLE_PAYLOADS[t] as never, {
      producer: 'test',
      authorizationReference: 'ref-1',
    });
    const back = decodeEvent(encodeEvent(env));
    expect(back).toEqual(env);
    expect(isEvent(back, def)).toBe(true);
    expect(typeof def.keyOf(back.payload as never)).toBe('string');
  });
});

describe('validation at produce and consume', () => {
  const invalid: Array<[EventType, string, (p: Record<string, unknown>) => void]> = [
    ['MeterValuesReceived', 'samples', (p) => (p['samples'] = [])],
    ['MeterValuesReceived', 'receivedAt', (p) => (p['receivedAt'] = '2026-11-24 10:00')],
    ['StartSessionRequested', 'amount', (p) => (p['limitInclVat'] = { amount: 50.0, currency: 'EUR' })],
    [
      'StartSessionRequested',
      'authorizationReference',
      (p) => (p['authorizationReference'] = 'x'.repeat(37)),
    ],
    ['PaymentConfirmed', 'captureStatus', (p) => (p['captureStatus'] = 'OK')],
    ['StationCommandRequested', 'command', (p) => (p['command'] = { kind: 'Reboot' })],
    ['CdrCreated', 'inclVat', (p) => (p['total'] = { exclVat: '1.0', inclVat: '1e3', currency: 'EUR' })],
  ];

  it.each(invalid)('%s rejects a bad %s at produce', (t, field, mutate) => {
    const p = structuredClone(SAMPLE_PAYLOADS[t]) as Record<string, unknown>;
    mutate(p);
    expect(() => createEvent(EVENTS[t], p as never, { producer: 'test' })).toThrow(ContractViolation);
    try {
      createEvent(EVENTS[t], p as never, { producer: 'test' });
    } catch (err) {
      expect((err as ContractViolation).code).toBe('CONTRACT.INVALID_PAYLOAD');
      expect((err as Error).message).toContain(field);
    }
  });

  it.each(invalid)('%s rejects a bad %s at consume', (t, _field, mutate) => {
    const env = createEvent(EVENTS[t], SAMPLE_PAYLOADS[t] as never, { producer: 'test' });
    mutate(env.payload as Record<string, unknown>);
    expect(() => decodeEvent(encodeEvent(env))).toThrow(/CONTRACT|:/);
  });

  it.each([
    ['not json', '{nope', 'CONTRACT.INVALID_JSON'],
    ['tombstone', null, 'CONTRACT.INVALID_JSON'],
    ['no envelope', JSON.stringify({ hello: 1 }), 'CONTRACT.INVALID_ENVELOPE'],
    [
      'unknown type',
      JSON.stringify({
        eventId: 'e',
        type: 'Nope',
        version: 1,
        occurredAt: '2026-11-24T10:00:00Z',
        producer: 'p',
        correlationId: 'c',
        causationId: null,
        payload: {},
      }),
      'CONTRACT.UNKNOWN_TYPE',
    ],
    [
      'unknown version',
      JSON.stringify({
        eventId: 'e',
        type: 'MeterValuesReceived',
        version: 9,
        occurredAt: '2026-11-24T10:00:00Z',
        producer: 'p',
        correlationId: 'c',
        causationId: null,
        payload: {},
      }),
      'CONTRACT.UNKNOWN_TYPE',
    ],
  ] as const)('decode rejects %s with a stable code', (_name, raw, code) => {
    expect(() => decodeEvent(raw)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects an envelope field out of bounds at produce, not only at consume', () => {
    expect(() =>
      createEvent(MeterValuesReceivedV1, SAMPLE_PAYLOADS.MeterValuesReceived, {
        producer: 'test',
        causedBy: { eventId: `timer:${'x'.repeat(80)}`, correlationId: 'c' },
      }),
    ).toThrow(expect.objectContaining({ code: 'CONTRACT.INVALID_ENVELOPE' }));
  });

  it('drops unknown payload fields on consume (tolerant reader)', () => {
    const env = createEvent(MeterValuesReceivedV1, SAMPLE_PAYLOADS.MeterValuesReceived, { producer: 'test' });
    const wire = JSON.parse(encodeEvent(env).toString()) as { payload: Record<string, unknown> };
    wire.payload['vendorExtra'] = 'x';
    const back = decodeEvent(JSON.stringify(wire));
    expect(back.payload).not.toHaveProperty('vendorExtra');
  });
});

describe('correlation, causation and deterministic ids', () => {
  it('a caused event inherits correlation and authorization reference and gets a derived id', () => {
    const start = createEvent(StartSessionRequestedV1, SAMPLE_PAYLOADS.StartSessionRequested, {
      producer: 'ocpi-gateway',
      authorizationReference: 'pp-1',
    });
    const a = createEvent(EVENTS.StationCommandRequested, SAMPLE_PAYLOADS.StationCommandRequested, {
      producer: 'session-engine',
      causedBy: start,
    });
    const b = createEvent(EVENTS.StationCommandRequested, SAMPLE_PAYLOADS.StationCommandRequested, {
      producer: 'session-engine',
      causedBy: start,
    });
    expect(a.eventId).toBe(b.eventId);
    expect(a.causationId).toBe(start.eventId);
    expect(a.correlationId).toBe(start.correlationId);
    expect(a.authorizationReference).toBe('pp-1');
  });

  it('different discriminators or causes give different ids; ids are RFC 9562 v8 UUIDs', () => {
    const ids = new Set([
      deriveEventId('e1', 'A'),
      deriveEventId('e1', 'B'),
      deriveEventId('e2', 'A'),
      deriveEventId('e1A', ''),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveEventId('e1', 'A')).toBe(deriveEventId('e1', 'A'));
  });

  it('a root event without discriminator gets a fresh random id and is its own correlation', () => {
    const a = createEvent(MeterValuesReceivedV1, SAMPLE_PAYLOADS.MeterValuesReceived, { producer: 'p' });
    const b = createEvent(MeterValuesReceivedV1, SAMPLE_PAYLOADS.MeterValuesReceived, { producer: 'p' });
    expect(a.eventId).not.toBe(b.eventId);
    expect(a.correlationId).toBe(a.eventId);
    expect(a.causationId).toBeNull();
  });
});
