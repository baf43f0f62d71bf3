import { errorCodeFor, parseFrame } from './ocpp-j';

describe('errorCodeFor (OCPP-J 1.6 §4.2.3 vs OCPP 2.0.1 Part 4 §4.3)', () => {
  it.each([
    ['ocpp1.6', 'FormatViolation', 'FormationViolation'],
    ['ocpp1.6', 'OccurrenceConstraintViolation', 'OccurenceConstraintViolation'],
    ['ocpp1.6', 'RpcFrameworkError', 'GenericError'],
    ['ocpp1.6', 'NotImplemented', 'NotImplemented'],
    ['ocpp2.0.1', 'FormatViolation', 'FormatViolation'],
    ['ocpp2.0.1', 'OccurrenceConstraintViolation', 'OccurrenceConstraintViolation'],
    ['ocpp2.0.1', 'MessageTypeNotSupported', 'MessageTypeNotSupported'],
  ] as const)('should spell %s %s as %s', (version, code, expected) => {
    expect(errorCodeFor(version, code)).toBe(expected);
  });
});

describe('parseFrame (OCPP-J RPC framing)', () => {
  it.each([
    ['[2,"a","Heartbeat",{}]', [2, 'a', 'Heartbeat', {}]],
    ['[2,"a","Heartbeat",null]', [2, 'a', 'Heartbeat', {}]],
    ['[3,"a",{"status":"Accepted"}]', [3, 'a', { status: 'Accepted' }]],
    ['[4,"a","NotImplemented","nope",{}]', [4, 'a', 'NotImplemented', 'nope', {}]],
    ['[4,"a","GenericError","x"]', [4, 'a', 'GenericError', 'x', {}]],
  ])('should parse %s (a 1.6 null payload reads as {}, OCPP-J 1.6 §4.2.1)', (text, frame) => {
    expect(parseFrame(text)).toEqual({ ok: true, frame });
  });

  it.each([
    ['{', 'not JSON'],
    ['{"a":1}', 'not an OCPP-J array'],
    ['[2,5,"Heartbeat",{}]', 'bad message id'],
    [`[2,"${'x'.repeat(37)}","Heartbeat",{}]`, 'bad message id'],
    ['[2,"a","Heartbeat",[1]]', 'CALL payload is not an object'],
    ['[7,"a",{}]', 'unsupported frame (type 7)'],
  ])('should refuse %s: %s', (text, reason) => {
    expect(parseFrame(text)).toMatchObject({ ok: false, reason });
  });
});
