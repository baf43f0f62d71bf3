import { acceleratedClock, realClock } from './ports';

describe('clocks', () => {
  afterEach(() => jest.useRealTimers());

  it('the real clock maps a wall-clock instant to itself', () => {
    const wall = new Date('2026-11-24T10:00:00Z');
    expect(realClock.fromWall?.(wall) ?? wall).toEqual(wall);
  });

  it.each([
    [1, 1_000, 1_000],
    [10, 1_000, 10_000],
    [10, -500, -5_000],
    [60, 2_000, 120_000],
  ])('at x%d a wall instant %d ms after creation is %d ms after the origin', (speed, wallMs, expected) => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    const origin = new Date('2030-01-01T00:00:00Z');
    const clock = acceleratedClock(speed, origin);
    const wall = new Date(Date.parse('2026-11-24T10:00:00Z') + wallMs);
    expect(clock.fromWall!(wall).getTime() - origin.getTime()).toBe(expected);
    // ...and it agrees with now() when that wall instant is reached.
    jest.setSystemTime(wall);
    expect(clock.now().getTime()).toBe(clock.fromWall!(wall).getTime());
  });
});
