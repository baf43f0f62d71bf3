import { normaliseTimestamp } from './timestamp';

describe('normaliseTimestamp (RFC 3339 date-time, tolerant of real-world firmware)', () => {
  it.each([
    ['2025-04-25T15:38:39Z', '2025-04-25T15:38:39.000Z', false],
    ['2025-04-25T15:38:39.123Z', '2025-04-25T15:38:39.123Z', false],
    ['2025-04-25T15:38:39+03:00', '2025-04-25T12:38:39.000Z', false],
    ['2025-04-25T15:38:39+03', '2025-04-25T12:38:39.000Z', false],
    ['2025-04-25T15:38:39+0300', '2025-04-25T12:38:39.000Z', false],
    ['2025-04-25T15:38:39-05:30', '2025-04-25T21:08:39.000Z', false],
    ['2025-04-25T15:38:39', '2025-04-25T15:38:39.000Z', true],
    ['2025-04-25 15:38:39Z', '2025-04-25T15:38:39.000Z', false],
    ['2025-04-25T15:38Z', '2025-04-25T15:38:00.000Z', false],
  ])('should read %s as %s (assumedUtc=%s)', (input, iso, assumedUtc) => {
    expect(normaliseTimestamp(input)).toEqual({ iso, assumedUtc });
  });

  it.each([['yesterday'], [''], [12345], [null], ['2025-13-45T99:99:99Z']])('should refuse %p', (input) => {
    expect(normaliseTimestamp(input)).toBeUndefined();
  });
});
