import { TokenBuckets, type BucketPolicy, type TakeResult } from '../../domain/token-bucket';

export interface RateLimitSettings {
  overall: BucketPolicy;
  notFound: BucketPolicy;
}

/**
 * Enumeration defence per client IP: every receipt request spends from an overall bucket, and every lookup
 * of an unknown reference from a much smaller one. Once the small one is empty the IP gets 429 for any
 * lookup, known reference or not, until it refills, so guessing references costs real time.
 */
export class ReceiptRateLimiter {
  private readonly overall: TokenBuckets;
  private readonly notFound: TokenBuckets;

  constructor(
    settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.overall = new TokenBuckets(settings.overall);
    this.notFound = new TokenBuckets(settings.notFound);
  }

  admit(ip: string): TakeResult {
    return this.overall.take(ip, this.now());
  }

  /** May this IP look a reference up (it has not used up its unknown-reference allowance)? */
  mayLookUp(ip: string): TakeResult {
    return this.notFound.peek(ip, this.now());
  }

  recordUnknownReference(ip: string): void {
    this.notFound.take(ip, this.now());
  }
}

/** Concurrent live streams per IP and in total. */
export class StreamSlots {
  private readonly perIp = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerIp: number,
    private readonly maxTotal: number,
  ) {}

  acquire(ip: string): (() => void) | undefined {
    const n = this.perIp.get(ip) ?? 0;
    if (n >= this.maxPerIp || this.total >= this.maxTotal) return undefined;
    this.perIp.set(ip, n + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
    };
  }

  get open(): number {
    return this.total;
  }
}
