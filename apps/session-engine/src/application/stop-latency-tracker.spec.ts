import { DecayingMax, StopLatencyTracker } from './stop-latency-tracker';

describe('StopLatencyTracker', () => {
  it('starts from the configured default', () => {
    expect(new StopLatencyTracker(5).get('CS-1')).toBe(5);
  });

  it('jumps up to a slower stop at once and decays slowly after faster ones', () => {
    const t = new StopLatencyTracker(5);
    t.observe('CS-1', 12);
    expect(t.get('CS-1')).toBe(12);
    t.observe('CS-1', 2);
    expect(t.get('CS-1')).toBeCloseTo(12 * 0.8 + 2 * 0.2, 9);
  });

  it('gives a station without measurements the fleet-wide estimate when it is above the default', () => {
    const t = new StopLatencyTracker(5);
    t.observe('CS-1', 9);
    expect(t.get('CS-NEW')).toBe(9);
    t.observe('CS-1', 1);
    expect(t.get('CS-NEW')).toBeGreaterThanOrEqual(5);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('ignores impossible observations (%s)', (v) => {
    const t = new StopLatencyTracker(5);
    t.observe('CS-1', v);
    expect(t.get('CS-1')).toBe(5);
  });

  it('caps absurd observations', () => {
    const t = new StopLatencyTracker(5, 60);
    t.observe('CS-1', 3600);
    expect(t.get('CS-1')).toBe(60);
  });
});

describe('DecayingMax', () => {
  it.each([
    [[], undefined],
    [[3], 3],
    [[3, 9], 9],
    [[9, 4], 9 * 0.8 + 4 * 0.2],
    [[9, -1, Number.NaN], 9],
    [[500], 30],
  ] as Array<[number[], number | undefined]>)('after %j it is %s', (xs, expected) => {
    const m = new DecayingMax(30);
    for (const x of xs) m.observe(x);
    if (expected === undefined) expect(m.get()).toBeUndefined();
    else expect(m.get()).toBeCloseTo(expected, 9);
  });
});
