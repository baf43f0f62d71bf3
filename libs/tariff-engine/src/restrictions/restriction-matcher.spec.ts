import { parseTariff } from '../tariff/tariff-parser';
import { priceSession } from '../pricing/session-pricer';
import { compileTariff } from './compiled-tariff';
import type { RestrictionContext } from './restriction-context';
import { matchesRestrictions } from './restriction-matcher';

function restrictionsOf(restrictions: Record<string, unknown>) {
  const tariff = parseTariff({
    country_code: 'NL',
    party_id: 'TPC',
    id: 'R',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions }],
    last_updated: '2024-01-01T00:00:00Z',
  });
  // Restrictions that restrict nothing (e.g. a lone end_time "00:00") compile to none.
  return compileTariff(tariff).elements[0]?.restrictions ?? {};
}

const at = (
  hhmm: string,
  over: Partial<RestrictionContext> = {},
  weekday = 0,
  dateNum = 20240115,
): RestrictionContext => ({
  local: { dateNum, weekday, minuteOfDay: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) },
  energyMwh: 0,
  elapsedMs: 0,
  ...over,
});

describe('matchesRestrictions (OCPI TariffRestrictions)', () => {
  it.each<[string, Record<string, unknown>, RestrictionContext, boolean]>([
    ['start_time is inclusive', { start_time: '17:00', end_time: '20:00' }, at('17:00'), true],
    ['end_time is exclusive', { start_time: '17:00', end_time: '20:00' }, at('20:00'), false],
    [
      'a window wrapping past midnight holds late',
      { start_time: '22:00', end_time: '06:00' },
      at('23:30'),
      true,
    ],
    [
      'a window wrapping past midnight holds early',
      { start_time: '22:00', end_time: '06:00' },
      at('05:59'),
      true,
    ],
    [
      'a window wrapping past midnight ends at end_time',
      { start_time: '22:00', end_time: '06:00' },
      at('06:00'),
      false,
    ],
    [
      'end_time 00:00 means the end of the day',
      { start_time: '20:00', end_time: '00:00' },
      at('23:59'),
      true,
    ],
    ['a lone end_time 00:00 is the whole day', { end_time: '00:00' }, at('00:00'), true],
    ['a lone start_time runs to midnight', { start_time: '18:00' }, at('17:59'), false],
    ['start_date is inclusive', { start_date: '2024-01-15' }, at('00:00'), true],
    ['end_date is exclusive', { end_date: '2024-01-15' }, at('12:00'), false],
    ['day_of_week matches the local weekday', { day_of_week: ['MONDAY'] }, at('12:00', {}, 0), true],
    ['day_of_week excludes other days', { day_of_week: ['MONDAY'] }, at('12:00', {}, 6), false],
    [
      'weekday and wrapping window are independent (tandemdrive#64)',
      { start_time: '20:00', end_time: '15:00', day_of_week: ['MONDAY'] },
      at('08:01', {}, 0),
      true,
    ],
    ['min_kwh is inclusive', { min_kwh: 20 }, at('12:00', { energyMwh: 20_000_000 }), true],
    ['max_kwh is exclusive', { max_kwh: 20 }, at('12:00', { energyMwh: 20_000_000 }), false],
    ['min_duration is inclusive', { min_duration: 1800 }, at('12:00', { elapsedMs: 1_800_000 }), true],
    ['max_duration is exclusive', { max_duration: 1800 }, at('12:00', { elapsedMs: 1_800_000 }), false],
    [
      'min_power needs the period minimum',
      { min_power: 16 },
      at('12:00', { minPowerW: 15_000, maxPowerW: 20_000 }),
      false,
    ],
    [
      'max_power needs the period maximum below',
      { max_power: 16 },
      at('12:00', { minPowerW: 15_000, maxPowerW: 16_000 }),
      false,
    ],
    [
      'max_current holds below the bound',
      { max_current: 32 },
      at('12:00', { minCurrentA: 16, maxCurrentA: 16 }),
      true,
    ],
    ['an unknown current lets current restrictions pass', { min_current: 32 }, at('12:00'), true],
  ])('%s', (_name, restrictions, ctx, expected) => {
    expect(matchesRestrictions(restrictionsOf(restrictions), ctx)).toBe(expected);
  });
});

describe('restrictions over a night of meter samples (Europe/Amsterdam)', () => {
  const tariff = parseTariff({
    country_code: 'NL',
    party_id: 'TPC',
    id: 'NIGHT',
    currency: 'EUR',
    elements: [
      {
        price_components: [{ type: 'ENERGY', price: 0.2, step_size: 1 }],
        restrictions: { start_time: '22:00', end_time: '06:00' },
      },
      { price_components: [{ type: 'ENERGY', price: 0.5, step_size: 1 }] },
    ],
    last_updated: '2024-01-01T00:00:00Z',
  });

  it('cuts the samples at 22:00 and 06:00 local and prices each side (window across midnight)', () => {
    // 21:00 to 07:00 local (20:00Z-06:00Z in winter), 1 kWh per hour, one sample at each end only.
    const price = priceSession(tariff, {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: '2024-01-15T20:00:00Z', energyWh: 0 },
        { timestamp: '2024-01-16T06:00:00Z', energyWh: 10_000 },
      ],
    });
    // 1 kWh before 22:00 and 1 kWh after 06:00 at 0.50, 8 kWh at night at 0.20.
    expect(price.total.exclVat).toBe('2.6000');
    expect(price.chargingPeriods.map((p) => p.start_date_time)).toEqual([
      '2024-01-15T20:00:00.000Z',
      '2024-01-15T21:00:00.000Z',
      '2024-01-16T05:00:00.000Z',
    ]);
  });

  it('follows the DST change: the night of 2024-03-31 is one hour shorter', () => {
    const price = priceSession(tariff, {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: '2024-03-30T20:00:00Z', energyWh: 0 }, // 21:00 CET
        { timestamp: '2024-03-31T05:00:00Z', energyWh: 9000 }, // 07:00 CEST
      ],
    });
    // 21:00-22:00 CET (1 kWh) and 06:00-07:00 CEST (1 kWh) at 0.50; 7 night hours at 0.20.
    expect(price.total.exclVat).toBe('2.4000');
  });
});
