import { TimeZone, TimeZoneError } from './time-zone';

const iso = (t: number) => new Date(t).toISOString();

describe('TimeZone (Intl-based, no tz database of our own)', () => {
  it('gives local date, weekday and minute of day', () => {
    const zone = TimeZone.of('Europe/Amsterdam');
    // 2024-01-15T23:30Z is Tuesday 00:30 in Amsterdam (UTC+1).
    expect(zone.local(Date.parse('2024-01-15T23:30:00Z'))).toEqual({
      dateNum: 20240116,
      weekday: 1,
      minuteOfDay: 30,
    });
  });

  it('finds the next local time-of-day boundary, across midnight', () => {
    const zone = TimeZone.of('Europe/Amsterdam');
    expect(iso(zone.nextBoundary(Date.parse('2024-01-15T15:59:00Z'), [0, 1020]))).toBe(
      '2024-01-15T16:00:00.000Z',
    );
    expect(iso(zone.nextBoundary(Date.parse('2024-01-15T16:00:00Z'), [0, 1020]))).toBe(
      '2024-01-15T23:00:00.000Z',
    );
  });

  it('stops at a DST change: spring forward skips 02:00-03:00 local (Europe/Amsterdam, 2024-03-31)', () => {
    const zone = TimeZone.of('Europe/Amsterdam');
    // Looking for 02:30 local, which does not exist that night: the clock jumps at 01:00Z.
    expect(iso(zone.nextBoundary(Date.parse('2024-03-30T23:30:00Z'), [150]))).toBe(
      '2024-03-31T01:00:00.000Z',
    );
    expect(zone.local(Date.parse('2024-03-31T01:00:00Z')).minuteOfDay).toBe(180);
  });

  it('stops at a DST change: fall back repeats 02:00-03:00 local (Europe/Amsterdam, 2024-10-27)', () => {
    const zone = TimeZone.of('Europe/Amsterdam');
    const first = zone.nextBoundary(Date.parse('2024-10-27T00:00:00Z'), [150]);
    expect(iso(first)).toBe('2024-10-27T00:30:00.000Z');
    const jump = zone.nextBoundary(first, [150]);
    expect(iso(jump)).toBe('2024-10-27T01:00:00.000Z');
    expect(iso(zone.nextBoundary(jump, [150]))).toBe('2024-10-27T01:30:00.000Z');
  });

  it('handles half-hour zones and DST at non-hour UTC instants (America/St_Johns)', () => {
    const zone = TimeZone.of('America/St_Johns');
    expect(zone.offsetMs(Date.parse('2024-01-15T12:00:00Z'))).toBe(-3.5 * 3_600_000);
    expect(zone.offsetMs(Date.parse('2024-07-15T12:00:00Z'))).toBe(-2.5 * 3_600_000);
  });

  it('rejects an unknown zone name', () => {
    expect(() => TimeZone.of('Mars/Olympus_Mons')).toThrow(TimeZoneError);
  });
});
