/**
 * An exact fraction of BigInts, for the incremental pricer's hot path (decimal.js is ~50x slower
 * there). Not normalised: the few operations per price update keep denominators small.
 */
const POWERS: readonly bigint[] = [1n, 10n, 100n, 1000n, 10_000n, 100_000n, 1_000_000n];

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);

  /** @param d must be > 0 */
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint, d = 1n): Rational {
    return new Rational(n, d);
  }

  /** Parses a decimal string ("12.34"). */
  static parse(text: string): Rational {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!m) throw new Error(`Not a decimal: ${text}`);
    const frac = m[3] ?? '';
    const n = BigInt(`${m[2] || '0'}${frac}`);
    return new Rational(m[1] === '-' ? -n : n, 10n ** BigInt(frac.length));
  }

  add(o: Rational): Rational {
    return this.d === o.d
      ? new Rational(this.n + o.n, this.d)
      : new Rational(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rational): Rational {
    return this.d === o.d
      ? new Rational(this.n - o.n, this.d)
      : new Rational(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(n: bigint, d = 1n): Rational {
    return new Rational(this.n * n, this.d * d);
  }

  cmp(o: Rational): number {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** An approximation as a float, for search heuristics only (never for money). */
  approximate(): number {
    return Number((this.n * 1_000_000_000n) / this.d) / 1e9;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  /** Half-up rounding (away from zero on ties) to a fixed number of decimals, as text. */
  toFixed(decimals: number): string {
    return Rational.formatScaled(this.scaled(decimals), decimals);
  }

  /** The value times 10^decimals, rounded half up (away from zero on ties) to an integer. */
  scaled(decimals: number): bigint {
    const scale = POWERS[decimals] ?? 10n ** BigInt(decimals);
    const negative = this.n < 0n;
    const abs = negative ? -this.n : this.n;
    const q = (2n * abs * scale + this.d) / (2n * this.d);
    return negative ? -q : q;
  }

  /** Writes an integer holding value x 10^decimals as fixed-point text ("12345" -> "1.2345"). */
  static formatScaled(q: bigint, decimals: number): string {
    const negative = q < 0n;
    const digits = (negative ? -q : q).toString().padStart(decimals + 1, '0');
    const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
    return negative ? `-${text}` : text;
  }
}
