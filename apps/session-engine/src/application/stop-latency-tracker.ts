/**
 * Measured stop latency (RemoteStop requested -> the charger's transaction end), per station and fleet-wide.
 * A station without its own measurement uses the fleet's. Estimates rise at once to a slower observation and
 * decay slowly: a slow stop is what causes overshoot, so we remember it.
 */
export class StopLatencyTracker {
  private readonly byStation = new Map<string, number>();
  private fleet: number | undefined;

  constructor(
    private readonly defaultS: number,
    private readonly maxS = 60,
  ) {}

  get(stationId: string): number {
    return this.byStation.get(stationId) ?? Math.max(this.fleet ?? 0, this.defaultS);
  }

  observe(stationId: string, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    const s = Math.min(seconds, this.maxS);
    const blend = (prev: number | undefined) => (prev === undefined || s > prev ? s : prev * 0.8 + s * 0.2);
    this.byStation.set(stationId, blend(this.byStation.get(stationId) ?? this.defaultS));
    this.fleet = blend(this.fleet);
  }
}
