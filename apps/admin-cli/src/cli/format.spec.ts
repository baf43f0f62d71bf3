import { details, list, money, roundTo2, table, when } from './format';

describe('output formatting', () => {
  it('aligns table columns two spaces apart, marks missing values and leaves no trailing spaces', () => {
    expect(
      table(
        ['ID', 'STATE', 'PENDING'],
        [
          ['peer-1', 'REGISTERED', 0],
          ['p2', undefined, true],
        ],
      ),
    ).toBe(['ID      STATE       PENDING', 'peer-1  REGISTERED  0', 'p2      -           yes'].join('\n'));
  });

  it('pads detail labels and skips undefined lines', () => {
    expect(
      details([
        ['versions URL', 'http://x/ocpi/versions'],
        ['gone', undefined],
        ['token A', 'abc'],
      ]),
    ).toBe('  versions URL  http://x/ocpi/versions\n  token A       abc');
  });

  it.each([
    ['12.3449', '12.34'],
    ['12.345', '12.35'],
    ['0.005', '0.01'],
    ['7', '7.00'],
    ['-1.2', '-1.20'],
    ['0.0000', '0.00'],
    ['19.999', '20.00'],
  ])('rounds the decimal string %s to %s (half up, no floating point)', (input, expected) => {
    expect(roundTo2(input)).toBe(expected);
  });

  it('prints money with its currency and omits absent amounts', () => {
    expect(money('3.0000', 'EUR')).toBe('EUR 3.00');
    expect(money(undefined, 'EUR')).toBeUndefined();
  });

  it('drops milliseconds from instants', () => {
    expect(when('2026-11-24T10:00:00.123Z')).toBe('2026-11-24T10:00:00Z');
    expect(when('2026-11-24T10:00:00.5+01:00')).toBe('2026-11-24T10:00:00+01:00');
    expect(when(undefined)).toBeUndefined();
  });

  it('shortens long lists', () => {
    expect(list(['a', 'b', 'c', 'd', 'e'], 3)).toBe('a,b,c +2 more');
    expect(list([], 3)).toBeUndefined();
  });
});
