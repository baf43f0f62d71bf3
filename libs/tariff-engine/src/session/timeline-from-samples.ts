import { Decimal } from '../money/decimal';
import type { PricedPeriod, SessionTimeline } from '../pricing/priced-period';
import { BoundaryClock } from '../restrictions/boundary-clock';
import type { CompiledTariff } from '../restrictions/compiled-tariff';
import type { RestrictionContext } from '../restrictions/restriction-context';
import { toEpochMs } from '../time/instant';
import type { TimeZone } from '../time/time-zone';
import {
  InvalidSampleError,
  checkOrder,
  segmentState,
  toMeterReading,
  type SegmentState,
} from './meter-reading';
import { splitSegment } from './segment-splitter';
import type { ReservationInput, SamplesSession } from './session.types';

/** Lays out a session given as meter samples: one period per sample interval, cut at restriction boundaries. */
export function timelineFromSamples(
  tariff: CompiledTariff,
  zone: TimeZone,
  session: SamplesSession,
): SessionTimeline {
  const readings = session.meterSamples.map(toMeterReading);
  const first = readings[0];
  if (!first) throw new InvalidSampleError('A session needs at least one meter sample');
  const periods: PricedPeriod[] = session.reservation
    ? reservationPeriods(tariff, zone, session.reservation, first.t)
    : [];
  const clock = new BoundaryClock(tariff, zone, first.t);
  const ctxAt = (t: number, mwh: number, state: SegmentState): RestrictionContext =>
    contextAt(tariff, zone, t, mwh, t - first.t, state);
  for (let i = 1; i < readings.length; i++) {
    const from = readings[i - 1] as (typeof readings)[number];
    const to = readings[i] as (typeof readings)[number];
    checkOrder(from, to);
    const state = segmentState(from, to);
    const seg = { startMs: from.t, endMs: to.t, startMwh: from.mwh - first.mwh, endMwh: to.mwh - first.mwh };
    splitSegment(seg, clock, (ta, tb, ea, eb) => {
      const seconds = new Decimal(tb - ta).div(1000);
      periods.push({
        part: 'CHARGING',
        startMs: ta,
        endMs: tb,
        ctx: ctxAt(ta, ea, state),
        energyWh: new Decimal(eb - ea).div(1000),
        chargingS: state.charging ? seconds : new Decimal(0),
        parkingS: state.charging ? new Decimal(0) : seconds,
        reservationS: new Decimal(0),
      });
    });
  }
  const last = readings[readings.length - 1] ?? first;
  return {
    periods,
    reservationExpired: false,
    startMs: first.t,
    endMs: last.t,
  };
}

export function contextAt(
  tariff: CompiledTariff,
  zone: TimeZone,
  t: number,
  energyMwh: number,
  elapsedMs: number,
  state: { powerW: number | undefined; currentA: number | undefined },
): RestrictionContext {
  return {
    local: tariff.usesLocalTime ? zone.local(t) : undefined,
    energyMwh,
    elapsedMs,
    ...(state.powerW !== undefined ? { minPowerW: state.powerW, maxPowerW: state.powerW } : {}),
    ...(state.currentA !== undefined ? { minCurrentA: state.currentA, maxCurrentA: state.currentA } : {}),
  };
}

/** The reservation before a session: reservation time only, cut at restriction boundaries. */
export function reservationPeriods(
  tariff: CompiledTariff,
  zone: TimeZone,
  reservation: ReservationInput,
  sessionStartMs: number,
): PricedPeriod[] {
  const start = toEpochMs(reservation.startDateTime, 'reservation start');
  const end = toEpochMs(reservation.endDateTime, 'reservation end');
  if (end < start || end > sessionStartMs) {
    throw new InvalidSampleError(
      'The reservation must end before the first meter sample and after it starts',
    );
  }
  const periods: PricedPeriod[] = [];
  const clock = new BoundaryClock(tariff, zone, start);
  splitSegment({ startMs: start, endMs: end, startMwh: 0, endMwh: 0 }, clock, (ta, tb) => {
    periods.push({
      part: 'RESERVATION',
      startMs: ta,
      endMs: tb,
      ctx: contextAt(tariff, zone, ta, 0, ta - start, { powerW: undefined, currentA: undefined }),
      energyWh: new Decimal(0),
      chargingS: new Decimal(0),
      parkingS: new Decimal(0),
      reservationS: new Decimal(tb - ta).div(1000),
    });
  });
  return periods;
}
