/**
 * A cautious running estimate: it rises at once to a larger observation and falls back slowly (each smaller
 * observation moves it a fifth of the way). Late stops cause overshoot, so a slow one is remembered.
 */
export class DecayingMax {
  private value: number | undefined;

  constructor(private readonly cap = Number.POSITIVE_INFINITY) {}

  get(): number | undefined {
    return this.value;
  }

  observe(x: number): void {
    if (!Number.isFinite(x) || x < 0) return;
    const v = Math.min(x, this.cap);
    this.value = this.value === undefined || v > this.value ? v : this.value * 0.8 + v * 0.2;
  }
}

/**
 * Measured stop latency (RemoteStop requested -> the charger's transaction end, on one timeline), per station
 * and fleet-wide. A station without its own measurement uses the fleet's, never less than the default.
 */
export class StopLatencyTracker {
  private readonly byStation = new Map<string, DecayingMax>();
  private readonly fleet: DecayingMax;

  constructor(
    private readonly defaultS: number,
    private readonly maxS = 60,
  ) {
    this.fleet = new DecayingMax(maxS);
  }

  get(stationId: string): number {
    return this.byStation.get(stationId)?.get() ?? Math.max(this.fleet.get() ?? 0, this.defaultS);
  }

  observe(stationId: string, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    let station = this.byStation.get(stationId);
    if (!station) {
      // The first measurement of a station starts from the assumption it replaces, then learns downwards.
      station = new DecayingMax(this.maxS);
      station.observe(this.get(stationId));
      this.byStation.set(stationId, station);
    }
    station.observe(seconds);
    this.fleet.observe(seconds);
  }
}
