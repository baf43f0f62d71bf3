import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then refuses with the time until the next token', () => {
    const b = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 });
    const results = [0, 0, 0, 0].map(() => b.take('ip', 1_000));
    expect(results.slice(0, 3).every((r) => r.allowed)).toBe(true);
    expect(results[3]).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it.each([
    // [elapsed ms after draining, allowed?]
    [0, false],
    [1_999, false],
    [2_000, true],
    [60_000, true],
  ])('refills at the configured rate: %i ms later allowed=%s', (elapsed, allowed) => {
    const b = new TokenBuckets({ capacity: 1, refillPerSecond: 0.5 });
    expect(b.take('ip', 0).allowed).toBe(true);
    expect(b.take('ip', elapsed).allowed).toBe(allowed);
  });

  it('never refills above capacity', () => {
    const b = new TokenBuckets({ capacity: 2, refillPerSecond: 10 });
    b.take('ip', 0);
    const later = 3_600_000;
    expect([b.take('ip', later), b.take('ip', later), b.take('ip', later)].map((r) => r.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('peek does not spend a token', () => {
    const b = new TokenBuckets({ capacity: 1, refillPerSecond: 1 });
    expect(b.peek('ip', 0).allowed).toBe(true);
    expect(b.peek('ip', 0).allowed).toBe(true);
    expect(b.take('ip', 0).allowed).toBe(true);
    expect(b.peek('ip', 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps keys apart and evicts the least recently used key when full (which only forgives)', () => {
    const b = new TokenBuckets({ capacity: 1, refillPerSecond: 0.001 }, 2);
    b.take('a', 0);
    b.take('b', 0);
    expect(b.take('a', 1).allowed).toBe(false); // a is now most recent
    b.take('c', 2); // evicts b
    expect(b.size).toBe(2);
    expect(b.take('b', 3).allowed).toBe(true); // b forgotten: a fresh, full bucket
    expect(b.take('c', 4).allowed).toBe(false);
  });

  it('refuses an invalid policy', () => {
    expect(() => new TokenBuckets({ capacity: 0, refillPerSecond: 1 })).toThrow();
    expect(() => new TokenBuckets({ capacity: 1, refillPerSecond: 0 })).toThrow();
  });
});
