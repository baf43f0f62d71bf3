import { Decimal, ZERO } from '../money/decimal';
import { JsonReader, isObject, type JsonObject } from '../tariff/json-reader';
import { TariffValidationError } from '../tariff/tariff-validation.error';
import type { ChargingPeriodInput, PeriodsSession } from '../session/session.types';

/** Countries (ISO alpha-3, as in CdrLocation.country) with a single time zone. */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  AUT: 'Europe/Vienna',
  BEL: 'Europe/Brussels',
  CHE: 'Europe/Zurich',
  CZE: 'Europe/Prague',
  DEU: 'Europe/Berlin',
  DNK: 'Europe/Copenhagen',
  FIN: 'Europe/Helsinki',
  FRA: 'Europe/Paris',
  GBR: 'Europe/London',
  HUN: 'Europe/Budapest',
  IRL: 'Europe/Dublin',
  ITA: 'Europe/Rome',
  LUX: 'Europe/Luxembourg',
  NLD: 'Europe/Amsterdam',
  NOR: 'Europe/Oslo',
  POL: 'Europe/Warsaw',
  SVK: 'Europe/Bratislava',
  SVN: 'Europe/Ljubljana',
  SWE: 'Europe/Stockholm',
};

export interface CdrSession {
  readonly session: PeriodsSession;
  /** Where the time zone came from. */
  readonly timeZoneSource: 'option' | 'cdr_location.time_zone' | 'cdr_location.country' | 'default';
  readonly currency: string | undefined;
  readonly warnings: readonly string[];
}

/**
 * Reads an OCPI CDR (2.2.1 / 2.3.0 names; 2.1.1 `stop_date_time` accepted) into a session to price.
 * A CDR without charging periods is read from its totals: charging first, then parking.
 * @throws TariffValidationError listing every bad field.
 */
export function readCdr(json: unknown, options: { timeZone?: string } = {}): CdrSession {
  const r = new JsonReader();
  const root = r.object(json, '');
  if (!root) throw new TariffValidationError(r.issues, 'OCPI CDR', 'CDR.INVALID');
  const start = r.dateTime(root['start_date_time'], 'start_date_time');
  const endKey =
    root['end_date_time'] === undefined && root['stop_date_time'] !== undefined
      ? 'stop_date_time'
      : 'end_date_time';
  const end = r.dateTime(root[endKey], endKey);
  const warnings: string[] = [];
  let periods: ChargingPeriodInput[] = [];
  const rawPeriods = root['charging_periods'];
  if (Array.isArray(rawPeriods) && rawPeriods.length > 0) {
    periods = rawPeriods.map((p, i) => readPeriod(r, p, `charging_periods[${i}]`));
  } else if (start && end) {
    periods = periodsFromTotals(r, root, start, end);
    warnings.push('PERIODS_FROM_TOTALS');
  }
  if (r.issues.length > 0 || !start || !end)
    throw new TariffValidationError(r.issues, 'OCPI CDR', 'CDR.INVALID');

  const location = isObject(root['cdr_location']) ? root['cdr_location'] : {};
  const zoneField = location['time_zone'];
  const country = typeof location['country'] === 'string' ? location['country'].toUpperCase() : '';
  let timeZone = 'UTC';
  let timeZoneSource: CdrSession['timeZoneSource'] = 'default';
  if (options.timeZone) [timeZone, timeZoneSource] = [options.timeZone, 'option'];
  else if (typeof zoneField === 'string' && zoneField)
    [timeZone, timeZoneSource] = [zoneField, 'cdr_location.time_zone'];
  else if (SINGLE_ZONE_COUNTRIES[country])
    [timeZone, timeZoneSource] = [SINGLE_ZONE_COUNTRIES[country] as string, 'cdr_location.country'];
  else warnings.push('TIME_ZONE_DEFAULTED_TO_UTC');
  return {
    session: { timeZone, startDateTime: start, endDateTime: end, chargingPeriods: periods },
    timeZoneSource,
    currency: typeof root['currency'] === 'string' ? root['currency'] : undefined,
    warnings,
  };
}

function readPeriod(r: JsonReader, value: unknown, path: string): ChargingPeriodInput {
  const obj = r.object(value, path) ?? {};
  const startDateTime = r.dateTime(obj['start_date_time'], `${path}.start_date_time`) ?? '';
  const dims = r.array(obj['dimensions'], `${path}.dimensions`, { min: 1 }) ?? [];
  const dimensions = dims.map((d, j) => {
    const dim = r.object(d, `${path}.dimensions[${j}]`) ?? {};
    const type =
      typeof dim['type'] === 'string'
        ? dim['type']
        : (r.fail(`${path}.dimensions[${j}].type`, 'must be a string') ?? '');
    const volume = r.decimal(dim['volume'], `${path}.dimensions[${j}].volume`, { min: 0 }) ?? ZERO;
    return { type, volume: volume.toFixed() };
  });
  return {
    startDateTime,
    dimensions,
    ...(typeof obj['tariff_id'] === 'string' ? { tariffId: obj['tariff_id'] } : {}),
  };
}

/** One charging period with total_energy and the charging time, then a parking period. */
function periodsFromTotals(
  r: JsonReader,
  root: JsonObject,
  start: string,
  end: string,
): ChargingPeriodInput[] {
  const energy =
    root['total_energy'] === undefined
      ? ZERO
      : (r.decimal(root['total_energy'], 'total_energy', { min: 0 }) ?? ZERO);
  const durationH = new Decimal(Date.parse(end) - Date.parse(start)).div(3_600_000);
  const totalH =
    root['total_time'] === undefined
      ? durationH
      : (r.decimal(root['total_time'], 'total_time', { min: 0 }) ?? ZERO);
  const parkingH =
    root['total_parking_time'] === undefined
      ? ZERO
      : (r.decimal(root['total_parking_time'], 'total_parking_time', { min: 0 }) ?? ZERO);
  const chargingH = Decimal.max(totalH.minus(parkingH), 0);
  const periods: ChargingPeriodInput[] = [
    {
      startDateTime: start,
      dimensions: [
        { type: 'ENERGY', volume: energy.toFixed() },
        { type: 'TIME', volume: chargingH.toFixed() },
      ],
    },
  ];
  if (parkingH.gt(0)) {
    const parkingStart = new Date(
      Date.parse(start) + chargingH.times(3_600_000).round().toNumber(),
    ).toISOString();
    periods.push({
      startDateTime: parkingStart,
      dimensions: [{ type: 'PARKING_TIME', volume: parkingH.toFixed() }],
    });
  }
  return periods;
}
