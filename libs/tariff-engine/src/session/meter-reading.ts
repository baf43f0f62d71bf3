import { Decimal, parseDecimal } from '../money/decimal';
import { toEpochMs } from '../time/instant';
import type { MeterSample } from './session.types';

/** A meter sample in engine units: epoch ms and an absolute register in whole mWh. */
export interface MeterReading {
  readonly t: number;
  readonly mwh: number;
  readonly powerW: number | undefined;
  readonly currentA: number | undefined;
  readonly charging: boolean | undefined;
}

export class InvalidSampleError extends Error {
  readonly code = 'SESSION.INVALID_SAMPLE';
}

export function toMeterReading(sample: MeterSample): MeterReading {
  const t = toEpochMs(sample.timestamp, 'sample timestamp');
  const mwh =
    typeof sample.energyWh === 'number'
      ? Math.round(sample.energyWh * 1000)
      : parseDecimal(sample.energyWh)?.times(1000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (mwh === undefined || !Number.isSafeInteger(mwh) || mwh < 0) {
    throw new InvalidSampleError(
      `Invalid energyWh ${String(sample.energyWh)} (expected a register value >= 0)`,
    );
  }
  return { t, mwh, powerW: sample.powerW, currentA: sample.currentA, charging: sample.charging };
}

/** Rejects readings that go back in time or whose register decreases. */
export function checkOrder(previous: MeterReading, next: MeterReading): void {
  if (next.t < previous.t) {
    throw new InvalidSampleError(
      `Sample at ${new Date(next.t).toISOString()} is older than the previous one`,
    );
  }
  if (next.mwh < previous.mwh) {
    throw new InvalidSampleError(`Energy register decreased at ${new Date(next.t).toISOString()}`);
  }
}

/** How the stretch from `from` to `to` is priced: what the first sample says holds until the next one. */
export interface SegmentState {
  readonly charging: boolean;
  readonly powerW: number | undefined;
  readonly currentA: number | undefined;
}

export function segmentState(from: MeterReading, to: MeterReading): SegmentState {
  const de = to.mwh - from.mwh;
  const dt = to.t - from.t;
  // mWh per ms x 3600 = W: the average power stands in when the sample carries none.
  const averagePowerW = dt > 0 ? (de * 3600) / dt : undefined;
  return {
    charging: from.charging ?? de > 0,
    powerW: from.powerW ?? averagePowerW,
    currentA: from.currentA,
  };
}
