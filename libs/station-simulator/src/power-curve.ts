/** How much power a simulated EV draws. */
export type PowerCurveSpec =
  | { kind: 'constant'; kw: number }
  /** Full power up to `taperFromSoc`, then linearly down to `minKw` at 100 % (a DC charging curve). */
  | { kind: 'taper'; peakKw: number; taperFromSoc: number; minKw?: number };

export interface Battery {
  capacityKwh: number;
  startSoc: number;
}

export function powerW(curve: PowerCurveSpec, socPercent: number): number {
  if (socPercent >= 100) return 0;
  if (curve.kind === 'constant') return curve.kw * 1000;
  const minKw = curve.minKw ?? 1;
  if (socPercent <= curve.taperFromSoc) return curve.peakKw * 1000;
  const share = (100 - socPercent) / (100 - curve.taperFromSoc);
  return Math.max(minKw, curve.peakKw * share) * 1000;
}

/** SoC after `energyWh` went into a battery that started at `battery.startSoc`. */
export function socAfter(battery: Battery, energyWh: number): number {
  return Math.min(100, battery.startSoc + (energyWh / (battery.capacityKwh * 1000)) * 100);
}

/** Parses `constant:22` or `taper:150:60` (CLI form). */
export function parsePowerCurve(text: string): PowerCurveSpec {
  const [kind, a, b] = text.split(':');
  if (kind === 'constant' && Number(a) > 0) return { kind: 'constant', kw: Number(a) };
  if (kind === 'taper' && Number(a) > 0 && Number(b) >= 0 && Number(b) < 100) {
    return { kind: 'taper', peakKw: Number(a), taperFromSoc: Number(b) };
  }
  throw new Error(`bad power curve "${text}": use constant:<kW> or taper:<peak kW>:<taper from SoC %>`);
}
