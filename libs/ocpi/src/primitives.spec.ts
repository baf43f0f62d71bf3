import { ciString, DateTime, normalizeDateTime, toOcpiDateTime } from './primitives';

describe('DateTime (OCPI types: DateTime)', () => {
  it.each([
    ['2015-06-29T20:39:09Z', '2015-06-29T20:39:09Z'],
    ['2015-06-29T20:39:09', '2015-06-29T20:39:09Z'],
    ['2016-12-29T17:45:09.2Z', '2016-12-29T17:45:09.200Z'],
    ['2016-12-29T17:45:09.2', '2016-12-29T17:45:09.200Z'],
    ['2016-12-29T17:45:09.123456Z', '2016-12-29T17:45:09.123Z'],
    ['2016-12-29T17:45:09.000Z', '2016-12-29T17:45:09Z'],
  ])('accepts %s and emits %s', (input, expected) => {
    expect(DateTime.parse(input)).toBe(expected);
  });

  it.each([
    ['offset not allowed', '2015-06-29T20:39:09+00:00'],
    ['date only', '2015-06-29'],
    ['impossible month', '2015-13-29T20:39:09Z'],
    ['space separator', '2015-06-29 20:39:09Z'],
  ])('rejects %s', (_why, input) => {
    expect(DateTime.safeParse(input).success).toBe(false);
  });

  it('normalizes and formats consistently', () => {
    expect(normalizeDateTime('2020-01-01T00:00:00')).toBe('2020-01-01T00:00:00Z');
    expect(toOcpiDateTime(new Date('2020-01-01T00:00:00.000Z'))).toBe('2020-01-01T00:00:00Z');
    expect(toOcpiDateTime(new Date('2020-01-01T00:00:00.120Z'))).toBe('2020-01-01T00:00:00.120Z');
  });
});

describe('CiString (OCPI types: CiString)', () => {
  it.each([
    ['ok', 'ABC', 3, true],
    ['too long', 'ABCD', 3, false],
    ['non-ASCII', 'ÄBC', 3, false],
    ['line break', 'A\nB', 3, false],
  ])('%s', (_why, value, max, ok) => {
    expect(ciString(max).safeParse(value).success).toBe(ok);
  });
});
