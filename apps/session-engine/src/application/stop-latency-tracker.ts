/**
 * Measured stop latency per station (RemoteStop requested -> charger's transaction end), as an exponentially
 * weighted average that only drifts slowly down but jumps up at once: a slow stop is what causes overshoot.
 */
export class StopLatencyTracker {
  private readonly byStation = new Map<string, number>();

  constructor(
    private readonly defaultS: number,
    private readonly maxS = 60,
  ) {}

  get(stationId: string): number {
    return this.byStation.get(stationId) ?? this.defaultS;
  }

  observe(stationId: string, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    const s = Math.min(seconds, this.maxS);
    const prev = this.byStation.get(stationId) ?? this.defaultS;
    this.byStation.set(stationId, s > prev ? s : prev * 0.8 + s * 0.2);
  }
}
