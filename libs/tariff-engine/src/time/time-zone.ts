import { MS_PER_DAY, dateNumFromDays, weekdayFromDays } from './civil-date';

/** Local calendar position of an instant in a time zone. */
export interface LocalTime {
  /** yyyymmdd */
  readonly dateNum: number;
  /** Monday = 0 ... Sunday = 6 */
  readonly weekday: number;
  /** 0..1439 */
  readonly minuteOfDay: number;
}

export class TimeZoneError extends Error {
  readonly code = 'TIME_ZONE.UNKNOWN';
}

/**
 * An IANA time zone backed by `Intl` (no tz database of our own). UTC offsets are looked up per
 * 15-minute bucket of UTC time and cached: every offset change since 1970 happens on such a bucket
 * edge, and the cache keeps the hot path free of `Intl` calls.
 */
export class TimeZone {
  private static readonly zones = new Map<string, TimeZone>();
  private static readonly BUCKET_MS = 900_000;
  private static readonly MAX_CACHED_BUCKETS = 20_000;

  private readonly format: Intl.DateTimeFormat | null;
  private readonly offsets = new Map<number, number>();
  private lastBucket = NaN;
  private lastOffset = 0;

  private constructor(readonly name: string) {
    this.format =
      name === 'UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone: name,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** @throws TimeZoneError for a name that is not an IANA zone known to this runtime. */
  static of(name: string): TimeZone {
    let zone = TimeZone.zones.get(name);
    if (!zone) {
      let canonical: string;
      try {
        canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      } catch {
        throw new TimeZoneError(
          `Unknown time zone "${name}" (expected an IANA name such as Europe/Amsterdam)`,
        );
      }
      zone = new TimeZone(canonical === 'Etc/UTC' || canonical === 'Etc/GMT' ? 'UTC' : canonical);
      TimeZone.zones.set(name, zone);
    }
    return zone;
  }

  /** Local time minus UTC, in ms, at instant `t` (epoch ms). */
  offsetMs(t: number): number {
    if (this.format === null) return 0;
    const bucket = Math.floor(t / TimeZone.BUCKET_MS);
    if (bucket === this.lastBucket) return this.lastOffset;
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      if (this.offsets.size >= TimeZone.MAX_CACHED_BUCKETS) this.offsets.clear();
      offset = this.computeOffset(bucket * TimeZone.BUCKET_MS);
      this.offsets.set(bucket, offset);
    }
    this.lastBucket = bucket;
    this.lastOffset = offset;
    return offset;
  }

  local(t: number): LocalTime {
    const localMs = t + this.offsetMs(t);
    const days = Math.floor(localMs / MS_PER_DAY);
    return {
      dateNum: dateNumFromDays(days),
      weekday: weekdayFromDays(days),
      minuteOfDay: Math.floor((localMs - days * MS_PER_DAY) / 60_000),
    };
  }

  /**
   * The first instant after `t` at which the local clock reaches one of `minutes` (minutes of the
   * day, ascending) or the UTC offset changes (a DST jump moves the local clock across boundaries).
   * Infinity when `minutes` is empty.
   */
  nextBoundary(t: number, minutes: readonly number[]): number {
    if (minutes.length === 0) return Infinity;
    const offset = this.offsetMs(t);
    const localMs = t + offset;
    const days = Math.floor(localMs / MS_PER_DAY);
    let candidate = Infinity;
    for (let d = days; d <= days + 1 && candidate === Infinity; d++) {
      for (const m of minutes) {
        const at = d * MS_PER_DAY + m * 60_000 - offset;
        if (at > t) {
          candidate = at;
          break;
        }
      }
    }
    if (this.format === null || this.offsetMs(candidate) === offset) return candidate;
    return this.nextOffsetChange(t, candidate, offset);
  }

  private nextOffsetChange(t: number, until: number, offset: number): number {
    const size = TimeZone.BUCKET_MS;
    let lo = Math.floor(t / size) + 1; // first bucket that might differ
    let hi = Math.floor(until / size); // a bucket known to differ
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetMs(mid * size) === offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo * size, until);
  }

  private computeOffset(t: number): number {
    const parts = (this.format as Intl.DateTimeFormat).formatToParts(new Date(t));
    const get = (type: Intl.DateTimeFormatPartTypes) =>
      Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall - (t - (((t % 1000) + 1000) % 1000));
  }
}
