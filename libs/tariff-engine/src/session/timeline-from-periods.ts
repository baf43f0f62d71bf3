import { Decimal, ZERO } from '../money/decimal';
import type { PricedPeriod, SessionTimeline } from '../pricing/priced-period';
import type { CompiledTariff } from '../restrictions/compiled-tariff';
import { JsonReader } from '../tariff/json-reader';
import { TariffValidationError } from '../tariff/tariff-validation.error';
import { toEpochMs } from '../time/instant';
import type { TimeZone } from '../time/time-zone';
import type { PeriodsSession } from './session.types';
import { contextAt } from './timeline-from-samples';

interface PeriodVolumes {
  energyWh: Decimal;
  chargingS: Decimal;
  parkingS: Decimal;
  reservationS: Decimal;
  minPowerW?: number;
  maxPowerW?: number;
  minCurrentA?: number;
  maxCurrentA?: number;
}

/**
 * Lays out a session given as OCPI charging periods. Periods are priced as given (OCPI requires the
 * CPO to start a new period whenever a restriction may flip): volumes come from the dimensions, the
 * restriction state from the period start. RESERVATION_TIME is priced by reservation elements.
 */
export function timelineFromPeriods(
  tariff: CompiledTariff,
  zone: TimeZone,
  session: PeriodsSession,
): SessionTimeline {
  const r = new JsonReader();
  if (session.chargingPeriods.length === 0) r.fail('charging_periods', 'must have at least 1 item(s)');
  const starts = session.chargingPeriods.map((p, i) =>
    instant(r, p.startDateTime, `charging_periods[${i}].start_date_time`),
  );
  const endMs = instant(r, session.endDateTime, 'end_date_time');
  const volumes = session.chargingPeriods.map((p, i) =>
    readVolumes(r, p.dimensions, `charging_periods[${i}]`),
  );
  starts.forEach((s, i) => {
    const next = i + 1 < starts.length ? starts[i + 1] : endMs;
    if (s !== undefined && next !== undefined && next < s) {
      r.fail(
        i + 1 < starts.length ? `charging_periods[${i + 1}].start_date_time` : 'end_date_time',
        'must not be before the previous period start',
      );
    }
  });
  if (r.issues.length > 0 || endMs === undefined)
    throw new TariffValidationError(r.issues, 'session', 'SESSION.INVALID');

  const isCharging = (v: PeriodVolumes) =>
    !v.energyWh.isZero() || !v.chargingS.isZero() || !v.parkingS.isZero() || v.reservationS.isZero();
  const chargingStart = starts.find((_, i) => isCharging(volumes[i] as PeriodVolumes));
  const reservationStart = starts.find((_, i) => !(volumes[i] as PeriodVolumes).reservationS.isZero());
  const sessionStart =
    session.startDateTime === undefined
      ? (starts[0] as number)
      : toEpochMs(session.startDateTime, 'start_date_time');

  const periods: PricedPeriod[] = [];
  let energyMwh = 0;
  volumes.forEach((v, i) => {
    const startMs = starts[i] as number;
    const endOfPeriod = i + 1 < starts.length ? (starts[i + 1] as number) : endMs;
    const power = { powerW: undefined, currentA: undefined };
    const ranges = {
      ...(v.minPowerW !== undefined ? { minPowerW: v.minPowerW } : {}),
      ...(v.maxPowerW !== undefined ? { maxPowerW: v.maxPowerW } : {}),
      ...(v.minCurrentA !== undefined ? { minCurrentA: v.minCurrentA } : {}),
      ...(v.maxCurrentA !== undefined ? { maxCurrentA: v.maxCurrentA } : {}),
    };
    if (!v.reservationS.isZero()) {
      const origin = reservationStart ?? startMs;
      periods.push({
        part: 'RESERVATION',
        startMs,
        endMs: endOfPeriod,
        ctx: { ...contextAt(tariff, zone, startMs, 0, startMs - origin, power), ...ranges },
        energyWh: ZERO,
        chargingS: ZERO,
        parkingS: ZERO,
        reservationS: v.reservationS,
      });
    }
    if (isCharging(v)) {
      const origin = chargingStart ?? sessionStart;
      periods.push({
        part: 'CHARGING',
        startMs,
        endMs: endOfPeriod,
        ctx: { ...contextAt(tariff, zone, startMs, energyMwh, startMs - origin, power), ...ranges },
        energyWh: v.energyWh,
        chargingS: v.chargingS,
        parkingS: v.parkingS,
        reservationS: ZERO,
      });
      energyMwh += v.energyWh.times(1000).floor().toNumber();
    }
  });
  const hasCharging = periods.some((p) => p.part === 'CHARGING');
  return {
    periods,
    reservationExpired: session.reservationExpired ?? (!hasCharging && reservationStart !== undefined),
    startMs: sessionStart,
    endMs,
  };
}

function instant(r: JsonReader, value: unknown, path: string): number | undefined {
  try {
    return toEpochMs(value as string, path);
  } catch {
    return r.fail(path, 'must be a date-time');
  }
}

function readVolumes(
  r: JsonReader,
  dimensions: PeriodsSession['chargingPeriods'][number]['dimensions'],
  path: string,
): PeriodVolumes {
  const v: PeriodVolumes = { energyWh: ZERO, chargingS: ZERO, parkingS: ZERO, reservationS: ZERO };
  if (!Array.isArray(dimensions) || dimensions.length === 0) {
    r.fail(`${path}.dimensions`, 'must have at least 1 item(s)');
    return v;
  }
  dimensions.forEach((d, j) => {
    const at = `${path}.dimensions[${j}]`;
    const type = typeof d.type === 'string' ? d.type.toUpperCase() : '';
    const volume = r.decimal(d.volume, `${at}.volume`, { min: 0 });
    if (!volume) return;
    const num = (x: Decimal) => x.toNumber();
    switch (type) {
      case 'ENERGY':
        v.energyWh = v.energyWh.plus(volume.times(1000));
        break;
      case 'TIME':
        v.chargingS = v.chargingS.plus(volume.times(3600));
        break;
      case 'PARKING_TIME':
        v.parkingS = v.parkingS.plus(volume.times(3600));
        break;
      case 'RESERVATION_TIME':
        v.reservationS = v.reservationS.plus(volume.times(3600));
        break;
      case 'MIN_POWER':
        v.minPowerW = num(volume.times(1000));
        break;
      case 'MAX_POWER':
        v.maxPowerW = num(volume.times(1000));
        break;
      case 'POWER':
        v.minPowerW ??= num(volume.times(1000));
        v.maxPowerW ??= num(volume.times(1000));
        break;
      case 'MIN_CURRENT':
        v.minCurrentA = num(volume);
        break;
      case 'MAX_CURRENT':
        v.maxCurrentA = num(volume);
        break;
      case 'CURRENT':
        v.minCurrentA ??= num(volume);
        v.maxCurrentA ??= num(volume);
        break;
      default:
        // ENERGY_EXPORT, ENERGY_IMPORT, STATE_OF_CHARGE: informational, not priced.
        if (!['ENERGY_EXPORT', 'ENERGY_IMPORT', 'STATE_OF_CHARGE'].includes(type))
          r.fail(`${at}.type`, 'unknown CdrDimensionType');
    }
  });
  // A period that reports only one of min/max still has a known value for both bounds.
  v.minPowerW ??= v.maxPowerW;
  v.maxPowerW ??= v.minPowerW;
  v.minCurrentA ??= v.maxCurrentA;
  v.maxCurrentA ??= v.minCurrentA;
  return v;
}
