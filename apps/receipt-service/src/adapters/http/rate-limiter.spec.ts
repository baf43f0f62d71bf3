import { ReceiptRateLimiter, StreamSlots } from './rate-limiter';

describe('ReceiptRateLimiter', () => {
  it('blocks lookups once the unknown-reference allowance is spent, per IP, until it refills', () => {
    let now = 0;
    const limiter = new ReceiptRateLimiter(
      { overall: { capacity: 100, refillPerSecond: 10 }, notFound: { capacity: 2, refillPerSecond: 1 / 30 } },
      () => now,
    );
    expect(limiter.mayLookUp('1.1.1.1').allowed).toBe(true);
    limiter.recordUnknownReference('1.1.1.1');
    limiter.recordUnknownReference('1.1.1.1');
    expect(limiter.mayLookUp('1.1.1.1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limiter.mayLookUp('2.2.2.2').allowed).toBe(true);
    now = 30_000;
    expect(limiter.mayLookUp('1.1.1.1').allowed).toBe(true);
  });

  it('admits a burst overall, then refuses with Retry-After', () => {
    const limiter = new ReceiptRateLimiter(
      { overall: { capacity: 3, refillPerSecond: 0.25 }, notFound: { capacity: 1, refillPerSecond: 1 } },
      () => 0,
    );
    const results = [1, 2, 3, 4].map(() => limiter.admit('ip'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });
});

describe('StreamSlots', () => {
  it('caps streams per IP and in total; releasing twice frees one slot only', () => {
    const slots = new StreamSlots(2, 3);
    const a1 = slots.acquire('a');
    const a2 = slots.acquire('a');
    expect(slots.acquire('a')).toBeUndefined();
    const b1 = slots.acquire('b');
    expect(slots.acquire('c')).toBeUndefined();
    expect(slots.open).toBe(3);
    a1?.();
    a1?.();
    expect(slots.open).toBe(2);
    expect(slots.acquire('c')).toBeDefined();
    expect(slots.acquire('c')).toBeUndefined();
    a2?.();
    b1?.();
  });
});
