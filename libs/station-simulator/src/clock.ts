/**
 * The simulated time of a station. With `factor` > 1 simulated time runs faster than real time (benches
 * of the cost-limit loop): meter timestamps and the energy integrated between samples advance `factor`
 * times faster, while the code path (timers, frames, the gateway) stays the one real chargers drive.
 */
export class SimClock {
  private readonly realStart = Date.now();

  constructor(
    readonly factor = 1,
    private readonly simStart = Date.now(),
  ) {
    if (!(factor > 0)) throw new Error('clock factor must be > 0');
  }

  nowMs(): number {
    return this.simStart + (Date.now() - this.realStart) * this.factor;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Real milliseconds for a span of simulated milliseconds (at least 1). */
  realMs(simMs: number): number {
    return Math.max(1, Math.round(simMs / this.factor));
  }
}
