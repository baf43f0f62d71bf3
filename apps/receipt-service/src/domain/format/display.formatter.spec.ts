import { DisplayFormatter, hoursToSeconds, secondsBetween } from './display.formatter';

const NBSP = '\u00a0';

describe('DisplayFormatter', () => {
  const en = new DisplayFormatter('en', 'Europe/Amsterdam');
  const de = new DisplayFormatter('de', 'Europe/Amsterdam');
  const units = { h: 'h', min: 'min' };

  it.each([
    [0, '0 min'],
    [59, '0 min'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h 00 min'],
    [4320, '1 h 12 min'],
    [90061, '25 h 01 min'],
    [-5, '0 min'],
  ])('duration of %i s is %s', (seconds, expected) => {
    expect(en.duration(seconds, units)).toBe(expected);
  });

  it.each([
    [en, 0, '0.00'],
    [en, 1500, '1.50'],
    [en, 21004, '21.00'],
    [en, 21005, '21.01'], // half-up on the exact decimal
    [de, 7350, '7,35'],
    [de, 1234567, '1.234,57'],
  ])('kWh from Wh', (fmt, wh, expected) => {
    expect(fmt.kwhFromWh(wh)).toBe(expected);
  });

  it.each([
    [en, '21', '21%'],
    [de, '21', `21${NBSP}%`],
    [en, '9.5', '9.5%'],
    [en, '0', '0%'],
  ])('VAT rate %s', (fmt, rate, expected) => {
    expect(fmt.percent(rate)).toBe(expected);
  });

  it('shows instants in the display time zone (CET in winter, CEST in summer)', () => {
    expect(en.timeOf('2026-11-24T10:09:00Z')).toMatch(/^11:09\sAM$/); // ICU puts a (narrow) space before AM
    expect(new DisplayFormatter('en-GB', 'Europe/Amsterdam').timeOf('2026-07-01T10:09:00Z')).toBe('12:09');
    expect(de.dateTimeOf('2026-11-24T10:09:00Z')).toBe('24.11.2026, 11:09');
  });

  it.each([
    ['2026-11-24T10:00:00Z', '2026-11-24T11:12:00Z', 4320],
    ['2026-11-24T10:00:00Z', '2026-11-24T09:00:00Z', 0],
  ])('seconds between %s and %s', (a, b, expected) => {
    expect(secondsBetween(a, b)).toBe(expected);
  });

  it.each([
    ['1.2', 4320],
    ['0.0001', 0],
    ['1.973', 7103],
  ])('OCPI hours %s are %i s', (hours, seconds) => {
    expect(hoursToSeconds(hours)).toBe(seconds);
  });
});
