/** Token bucket settings: `capacity` tokens at most, refilled at `refillPerSecond`. */
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-key token buckets (key = client IP) with a bounded key set: when full, the least recently used key is
 * dropped, which only ever forgives a client (a fresh bucket is full), never blocks one wrongly. The clock is
 * passed in so the arithmetic is testable.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly policy: BucketPolicy,
    private readonly maxKeys = 50_000,
  ) {
    if (policy.capacity < 1 || policy.refillPerSecond <= 0) throw new Error('invalid bucket policy');
  }

  /** Takes one token if there is one; otherwise says how long until there will be. */
  take(key: string, nowMs: number): TakeResult {
    const b = this.refilled(key, nowMs);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: this.secondsUntilToken(b) };
  }

  /** Whether a token is available, without taking it (checked before work whose outcome decides the cost). */
  peek(key: string, nowMs: number): TakeResult {
    const b = this.refilled(key, nowMs);
    return b.tokens >= 1
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: this.secondsUntilToken(b) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, nowMs: number): Bucket {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-insert: Map order is the LRU order
      const elapsed = Math.max(0, nowMs - b.at) / 1000;
      b.tokens = Math.min(this.policy.capacity, b.tokens + elapsed * this.policy.refillPerSecond);
      b.at = nowMs;
    } else {
      b = { tokens: this.policy.capacity, at: nowMs };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
    }
    this.buckets.set(key, b);
    return b;
  }

  private secondsUntilToken(b: Bucket): number {
    return Math.max(1, Math.ceil((1 - b.tokens) / this.policy.refillPerSecond));
  }
}
