import type { MeterValue16 } from '../messages/ocpp16.types';
import type { MeterValue201 } from '../messages/ocpp201.types';
import { normaliseTimestamp } from '../time/timestamp';
import {
  DEFAULT_MEASURAND,
  defaultUnitOf,
  readContext,
  scaleDecimal,
  unitExponent,
  type ReadingContext,
} from './measurand';

/** One instant of a charger's meter, in base units (structurally the contracts' `MeterSample`). */
export interface NormalisedMeterSample {
  timestamp: string;
  /** Energy.Active.Import.Register in Wh. */
  energyWh?: number;
  /** Power.Active.Import in W (sum over phases when only phased values are sent). */
  powerW?: number;
  /** Current.Import in A (the highest phase current when phased). */
  currentA?: number;
  /** SoC in percent. */
  socPercent?: number;
  context: ReadingContext;
}

export interface MeterNormalisation {
  samples: NormalisedMeterSample[];
  /** What was tolerated or skipped, for logs and metrics; never a reason to refuse the frame. */
  warnings: string[];
}

/** A sampled value reduced to what both versions share, before unit handling. */
interface RawReading {
  value: string | number;
  measurand: string;
  phase?: string;
  location?: string;
  context?: string;
  unit?: string;
  /** 2.0.1 unitOfMeasure.multiplier (power of ten). */
  multiplier: number;
  signed: boolean;
}

type Kept = 'energyWh' | 'powerW' | 'currentA' | 'socPercent';

const MEASURAND_FIELD: Readonly<Record<string, Kept>> = {
  'Energy.Active.Import.Register': 'energyWh',
  'Power.Active.Import': 'powerW',
  'Current.Import': 'currentA',
  SoC: 'socPercent',
};

/** `L1`, `L1-N`, `L1-L2` -> the line the value belongs to; undefined for an unphased value. */
function lineOf(phase: string | undefined): string | undefined {
  if (!phase) return undefined;
  const m = /^L([123])/.exec(phase);
  return m ? `L${m[1]}` : phase;
}

function reduceField(field: Kept, readings: Array<{ value: number; line?: string }>): number | undefined {
  const total = readings.find((r) => r.line === undefined);
  if (total) return total.value;
  const perLine = new Map<string, number>();
  for (const r of readings) if (r.line && !perLine.has(r.line)) perLine.set(r.line, r.value);
  if (perLine.size === 0) return undefined;
  const values = [...perLine.values()];
  // Phase currents are not additive for our purpose (limits are per phase); energy and power are.
  return field === 'currentA' ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
}

function normaliseOne(
  timestamp: unknown,
  readings: RawReading[],
  warnings: string[],
): NormalisedMeterSample | undefined {
  const ts = normaliseTimestamp(timestamp);
  if (!ts) {
    warnings.push(`meterValue skipped: unreadable timestamp ${JSON.stringify(timestamp)}`);
    return undefined;
  }
  if (ts.assumedUtc) warnings.push(`timestamp without zone read as UTC: ${String(timestamp)}`);
  const buckets = new Map<Kept, Array<{ value: number; line?: string }>>();
  let context: ReadingContext | undefined;
  for (const r of readings) {
    const field = MEASURAND_FIELD[r.measurand];
    if (!field) continue;
    if (r.signed) {
      warnings.push(`${r.measurand}: SignedData value skipped`);
      continue;
    }
    // The outlet is what the driver is billed for; SoC is reported at the EV.
    if (field !== 'socPercent' && r.location && r.location !== 'Outlet') continue;
    const exp = unitExponent(r.unit, defaultUnitOf(r.measurand));
    if (exp === undefined) {
      warnings.push(`${r.measurand}: unit ${String(r.unit)} not convertible, value skipped`);
      continue;
    }
    const value = scaleDecimal(r.value, exp + r.multiplier);
    if (value === undefined) {
      warnings.push(`${r.measurand}: value ${JSON.stringify(r.value)} is not a number, skipped`);
      continue;
    }
    if (field === 'energyWh' && value < 0) {
      warnings.push(`${r.measurand}: negative register ${value} skipped`);
      continue;
    }
    if (field === 'socPercent' && (value < 0 || value > 100)) {
      warnings.push(`SoC ${value} out of range, skipped`);
      continue;
    }
    const list = buckets.get(field) ?? [];
    list.push({ value, line: lineOf(r.phase) });
    buckets.set(field, list);
    if (context === undefined || field === 'energyWh') context = readContext(r.context);
  }
  if (buckets.size === 0) return undefined;
  const sample: NormalisedMeterSample = {
    timestamp: ts.iso,
    context: context ?? readContext(readings[0]?.context),
  };
  for (const [field, list] of buckets) {
    const v = reduceField(field, list);
    if (v !== undefined) sample[field] = v;
  }
  return sample;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * OCPP 1.6 MeterValue[] (MeterValues.req `meterValue`, StopTransaction.req `transactionData`) to samples.
 * Values are strings (1.6 §7.45); numbers are accepted too, since some firmware sends them.
 */
export function normaliseMeterValues16(meterValues: readonly MeterValue16[] | unknown): MeterNormalisation {
  const warnings: string[] = [];
  const samples: NormalisedMeterSample[] = [];
  for (const mvRaw of asArray(meterValues)) {
    const mv = asRecord(mvRaw);
    const readings: RawReading[] = [];
    for (const svRaw of asArray(mv['sampledValue'])) {
      const sv = asRecord(svRaw);
      const value = sv['value'];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      readings.push({
        value,
        measurand: optString(sv['measurand']) ?? DEFAULT_MEASURAND,
        phase: optString(sv['phase']),
        location: optString(sv['location']),
        context: optString(sv['context']),
        unit: optString(sv['unit']),
        multiplier: 0,
        signed: sv['format'] === 'SignedData',
      });
    }
    const sample = normaliseOne(mv['timestamp'], readings, warnings);
    if (sample) samples.push(sample);
  }
  return { samples, warnings };
}

/** OCPP 2.0.1 MeterValueType[] to samples, applying `unitOfMeasure.unit` and `.multiplier`. */
export function normaliseMeterValues201(meterValues: readonly MeterValue201[] | unknown): MeterNormalisation {
  const warnings: string[] = [];
  const samples: NormalisedMeterSample[] = [];
  for (const mvRaw of asArray(meterValues)) {
    const mv = asRecord(mvRaw);
    const readings: RawReading[] = [];
    for (const svRaw of asArray(mv['sampledValue'])) {
      const sv = asRecord(svRaw);
      const value = sv['value'];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const uom = asRecord(sv['unitOfMeasure']);
      const multiplier = typeof uom['multiplier'] === 'number' ? uom['multiplier'] : 0;
      readings.push({
        value,
        measurand: optString(sv['measurand']) ?? DEFAULT_MEASURAND,
        phase: optString(sv['phase']),
        location: optString(sv['location']),
        context: optString(sv['context']),
        unit: optString(uom['unit']),
        multiplier: Number.isInteger(multiplier) ? multiplier : 0,
        signed: false,
      });
    }
    const sample = normaliseOne(mv['timestamp'], readings, warnings);
    if (sample) samples.push(sample);
  }
  return { samples, warnings };
}

/** The highest energy register among samples (a register is monotonic within a transaction). */
export function maxEnergyWh(samples: readonly NormalisedMeterSample[]): number | undefined {
  let max: number | undefined;
  for (const s of samples)
    if (s.energyWh !== undefined && (max === undefined || s.energyWh > max)) max = s.energyWh;
  return max;
}
