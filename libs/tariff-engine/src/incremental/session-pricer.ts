import { Rational } from '../money/rational';
import { BoundaryClock } from '../restrictions/boundary-clock';
import { compileTariff, type CompiledTariff } from '../restrictions/compiled-tariff';
import { selectComponents, type Selection } from '../restrictions/component-selector';
import {
  checkOrder,
  InvalidSampleError,
  segmentState,
  toMeterReading,
  type MeterReading,
  type SegmentState,
} from '../session/meter-reading';
import { splitSegment, type Segment } from '../session/segment-splitter';
import type { MeterSample, ReservationInput, Timestamp } from '../session/session.types';
import { contextAt } from '../session/timeline-from-samples';
import type { Amount, PricingOptions } from '../pricing/session-price.types';
import type { Tariff } from '../tariff/tariff.model';
import { toEpochMs } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { toFixedPoint, type FixedPointTariff } from './fixed-point-tariff';
import { computeBudget, type Budget, type BudgetOptions, type BudgetSubject } from './budget';
import {
  amountFromGroups,
  applyLimits,
  toAmount,
  type LimitedRationalAmount,
  type RationalAmount,
} from './rational-amount';

export interface PricerContext {
  /** IANA time zone of the Location. */
  readonly timeZone: string;
  readonly options?: PricingOptions;
  /** A reservation that preceded the session (priced by the tariff's reservation elements). */
  readonly reservation?: ReservationInput;
}

/**
 * The total cost of a running session, exact; rounding to decimal strings happens on first use of
 * `total` (the cost-limit loop compares exact values and formats only what it publishes).
 */
export class RunningCost {
  private limited: LimitedRationalAmount | undefined;
  private formatted: Amount | undefined;
  /** Total incl. VAT as an exact fraction. */
  readonly inclVatExact: Rational;

  /** @param basis per-tax-group sums of price x quantity (fixed-point units) */
  constructor(
    private readonly fp: FixedPointTariff,
    private readonly basis: readonly bigint[],
  ) {
    if (fp.minPrice || fp.maxPrice) {
      this.inclVatExact = this.limit().incl;
    } else {
      let n = 0n;
      for (let g = 0; g < basis.length; g++) n += (basis[g] as bigint) * (fp.inclWeight[g] as bigint);
      this.inclVatExact = new Rational(n, fp.inclDen);
    }
  }

  /** Whether the total incl. VAT is above `limitInclVat` (a decimal string such as "25.00", or exact). */
  exceeds(limitInclVat: string | Rational): boolean {
    return (
      this.inclVatExact.cmp(typeof limitInclVat === 'string' ? Rational.parse(limitInclVat) : limitInclVat) >
      0
    );
  }

  /** The total as 4-decimal strings, as `priceSession(...).total` reports it. */
  get total(): Amount {
    if (!this.formatted) {
      const limited = this.limit();
      this.formatted = toAmount(limited.amount, limited.incl);
    }
    return this.formatted;
  }

  private limit(): LimitedRationalAmount {
    this.limited ??= applyLimits(this.fp, amountFromGroups(this.fp, this.basis));
    return this.limited;
  }
}

/** The cost of the session so far, per dimension (before min/max) and in total (after). */
export interface RunningPrice {
  readonly total: Amount;
  readonly energy: Amount;
  readonly time: Amount;
  readonly parking: Amount;
  readonly fixed: Amount;
  readonly reservation: Amount;
  readonly minPriceApplied: boolean;
  readonly maxPriceApplied: boolean;
}

// Quantity kinds tracked for step_size (index into the per-kind arrays).
const ENERGY = 0;
const TIME = 1;
const PARKING = 2;
const RESERVATION = 3;

type Bucket = 'energy' | 'time' | 'parking' | 'fixed' | 'reservation';

/** Mutable quantities of one session; copied when the budget search probes the future. */
class Ledger {
  /** Per component id: mWh or ms billed (step top-ups excluded). */
  qty: number[];
  priced = [0, 0, 0, 0];
  all = [0, 0, 0, 0];
  last = [-1, -1, -1, -1];
  flat = -1;
  reservationFlat = -1;

  constructor(components: number) {
    this.qty = new Array<number>(components).fill(0);
  }

  copy(): Ledger {
    const l = new Ledger(0);
    l.qty = this.qty.slice();
    l.priced = this.priced.slice();
    l.all = this.all.slice();
    l.last = this.last.slice();
    l.flat = this.flat;
    l.reservationFlat = this.reservationFlat;
    return l;
  }
}

/**
 * Prices a running session one meter sample at a time, in O(1) per sample, with exact integer
 * arithmetic (BigInt fixed point). Gives the same amounts as `priceSession` on the same samples.
 */
export class SessionPricer implements BudgetSubject {
  private readonly fp: FixedPointTariff;
  private readonly compiled: CompiledTariff;
  private readonly zone: TimeZone;
  private readonly stepBasisBilled: boolean;
  private ledger: Ledger;
  private first: MeterReading | undefined;
  private prev: MeterReading | undefined;
  private clock: BoundaryClock | undefined;
  private state: SegmentState = { charging: false, powerW: undefined, currentA: undefined };
  private cache:
    | {
        sel: Selection;
        from: number;
        until: number;
        eFrom: number;
        eUntil: number;
        powerW?: number;
        currentA?: number;
      }
    | undefined;
  private readonly onPiece = (ta: number, tb: number, ea: number, eb: number) =>
    this.addPiece(ta, tb, ea, eb);

  constructor(
    tariff: Tariff,
    private readonly context: PricerContext,
    shared?: { fp: FixedPointTariff; zone: TimeZone },
  ) {
    this.compiled = compileTariff(tariff);
    this.fp = shared?.fp ?? toFixedPoint(this.compiled);
    this.zone = shared?.zone ?? TimeZone.of(context.timeZone);
    this.stepBasisBilled = (context.options?.stepSizeBasis ?? 'BILLED') === 'BILLED';
    this.ledger = new Ledger(this.compiled.components.length);
  }

  /** Adds the next meter sample (time order) and returns the total cost if the session stopped now. */
  addSample(sample: MeterSample): RunningCost {
    this.addReading(toMeterReading(sample));
    return this.cost();
  }

  /** The total cost if the session stopped now: exact, formatted on demand. */
  cost(): RunningCost {
    return new RunningCost(this.fp, this.basisByGroup(undefined));
  }

  /** Same as addSample, for readings already in engine units (the budget probes use it). */
  addReading(r: MeterReading): void {
    const prev = this.prev;
    if (!prev || !this.first || !this.clock) {
      this.start(r);
      return;
    }
    checkOrder(prev, r);
    this.state = segmentState(prev, r);
    const base = this.first.mwh;
    const seg: Segment = { startMs: prev.t, endMs: r.t, startMwh: prev.mwh - base, endMwh: r.mwh - base };
    splitSegment(seg, this.clock, this.onPiece);
    this.prev = r;
  }

  /** The last sample's time (epoch ms) and session energy so far (mWh), if any sample was added. */
  get lastReading(): MeterReading | undefined {
    return this.prev;
  }

  get sessionStartMs(): number | undefined {
    return this.first?.t;
  }

  get sessionEnergyMwh(): number {
    return this.prev && this.first ? this.prev.mwh - this.first.mwh : 0;
  }

  /**
   * How much more energy and time the session can take at `powerW` before its cost exceeds
   * `limitInclVat` (time- and parking-based components, step_size and restriction boundaries
   * included). Power and current restrictions keep the state of the last sample, as in pricing.
   */
  budget(limitInclVat: string | number, powerW: number, now: Timestamp, options: BudgetOptions = {}): Budget {
    const limit = Rational.parse(typeof limitInclVat === 'number' ? String(limitInclVat) : limitInclVat);
    return computeBudget(this, limit, powerW, toEpochMs(now, 'now'), options);
  }

  /** The cost after adding one more reading to a copy of this session (this session is unchanged). */
  probe(reading: MeterReading): { incl: Rational; total: () => Amount } {
    const copy = this.clone();
    copy.addReading(reading);
    const cost = copy.cost();
    return { incl: cost.inclVatExact, total: () => cost.total };
  }

  nextTimeBoundary(t: number): number {
    return this.clock ? this.clock.nextTimeBoundary(t) : Infinity;
  }

  nextEnergyThreshold(mwh: number): number {
    return this.clock ? this.clock.nextEnergyThreshold(mwh) : Infinity;
  }

  /** Total cost incl. VAT if the session stopped now (exact). */
  totalInclVat(): Rational {
    return applyLimits(this.fp, this.totalAmount()).incl;
  }

  total(): Amount {
    const limited = applyLimits(this.fp, this.totalAmount());
    return toAmount(limited.amount, limited.incl);
  }

  /** The full breakdown, as `priceSession` reports it. */
  price(): RunningPrice {
    const buckets: Bucket[] = ['energy', 'time', 'parking', 'fixed', 'reservation'];
    const parts = buckets.map((b) => amountFromGroups(this.fp, this.basisByGroup(b)));
    const limited = applyLimits(this.fp, this.totalAmount());
    const at = (i: number) => toAmount(parts[i] as RationalAmount);
    return {
      total: toAmount(limited.amount, limited.incl),
      energy: at(0),
      time: at(1),
      parking: at(2),
      fixed: at(3),
      reservation: at(4),
      minPriceApplied: limited.minApplied,
      maxPriceApplied: limited.maxApplied,
    };
  }

  /** An independent copy (same tariff tables), e.g. to try a future sample. */
  clone(): SessionPricer {
    const c = new SessionPricer(this.compiled.tariff, this.context, { fp: this.fp, zone: this.zone });
    c.ledger = this.ledger.copy();
    c.first = this.first;
    c.prev = this.prev;
    c.clock = this.clock;
    c.state = this.state;
    c.cache = this.cache;
    return c;
  }

  private start(r: MeterReading): void {
    this.first = r;
    this.prev = r;
    this.clock = new BoundaryClock(this.compiled, this.zone, r.t);
    if (this.context.reservation) this.addReservation(this.context.reservation, r.t);
  }

  private addReservation(reservation: ReservationInput, sessionStart: number): void {
    const start = toEpochMs(reservation.startDateTime, 'reservation start');
    const end = toEpochMs(reservation.endDateTime, 'reservation end');
    if (end < start || end > sessionStart) {
      throw new InvalidSampleError(
        'The reservation must end before the first meter sample and after it starts',
      );
    }
    const clock = new BoundaryClock(this.compiled, this.zone, start);
    const none = { powerW: undefined, currentA: undefined };
    splitSegment({ startMs: start, endMs: end, startMwh: 0, endMwh: 0 }, clock, (ta, tb) => {
      const sel = selectComponents(
        this.compiled,
        contextAt(this.compiled, this.zone, ta, 0, ta - start, none),
        'RESERVATION',
      );
      const l = this.ledger;
      if (sel.FLAT && l.reservationFlat < 0) l.reservationFlat = sel.FLAT.id;
      this.addQuantity(RESERVATION, sel.TIME?.id, tb - ta);
    });
  }

  private addPiece(ta: number, tb: number, ea: number, eb: number): void {
    const sel = this.selectionAt(ta, ea);
    const l = this.ledger;
    if (l.flat < 0 && sel.FLAT) l.flat = sel.FLAT.id;
    this.addQuantity(ENERGY, sel.ENERGY?.id, eb - ea);
    if (this.state.charging) this.addQuantity(TIME, sel.TIME?.id, tb - ta);
    else this.addQuantity(PARKING, sel.PARKING_TIME?.id, tb - ta);
  }

  private addQuantity(kind: number, component: number | undefined, q: number): void {
    const l = this.ledger;
    l.all[kind] = (l.all[kind] as number) + q;
    if (component === undefined || q <= 0) return;
    l.qty[component] = (l.qty[component] as number) + q;
    l.priced[kind] = (l.priced[kind] as number) + q;
    l.last[kind] = component;
  }

  /** The selection at a piece start; reused while no restriction can have flipped. */
  private selectionAt(t: number, mwh: number): Selection {
    const c = this.cache;
    const s = this.state;
    const ct = this.compiled;
    if (
      c &&
      t >= c.from &&
      t < c.until &&
      mwh >= c.eFrom &&
      mwh < c.eUntil &&
      (!ct.usesPower || c.powerW === s.powerW) &&
      (!ct.usesCurrent || c.currentA === s.currentA)
    ) {
      return c.sel;
    }
    const first = this.first as MeterReading;
    const clock = this.clock as BoundaryClock;
    const sel = selectComponents(ct, contextAt(ct, this.zone, t, mwh, t - first.t, s), 'CHARGING');
    this.cache = {
      sel,
      from: t,
      until: clock.nextTimeBoundary(t),
      eFrom: mwh,
      eUntil: clock.nextEnergyThreshold(mwh),
      ...(s.powerW !== undefined ? { powerW: s.powerW } : {}),
      ...(s.currentA !== undefined ? { currentA: s.currentA } : {}),
    };
    return sel;
  }

  private totalAmount(): RationalAmount {
    return amountFromGroups(this.fp, this.basisByGroup(undefined));
  }

  /** Sums of price x quantity per tax group, for one bucket or (undefined) all of them. */
  private basisByGroup(bucket: Bucket | undefined): bigint[] {
    const fp = this.fp;
    const l = this.ledger;
    const sums: bigint[] = [];
    for (let g = 0; g < fp.groups.length; g++) sums.push(0n);
    const qty = l.qty;
    for (let id = 0; id < qty.length; id++) {
      const q = qty[id] as number;
      if (q > 0 && (bucket === undefined || this.bucketOfComponent(id) === bucket))
        this.addUnits(sums, id, q);
    }
    const parking = (l.priced[PARKING] as number) > 0;
    if (bucket === undefined || bucket === 'energy') this.addTopUp(sums, ENERGY);
    if (bucket === undefined || bucket === (parking ? 'parking' : 'time'))
      this.addTopUp(sums, parking ? PARKING : TIME);
    if (bucket === undefined || bucket === 'reservation') {
      this.addTopUp(sums, RESERVATION);
      if (l.reservationFlat >= 0) this.addUnits(sums, l.reservationFlat, 1);
    }
    if ((bucket === undefined || bucket === 'fixed') && l.flat >= 0) this.addUnits(sums, l.flat, 1);
    return sums;
  }

  private addUnits(sums: bigint[], id: number, units: number): void {
    const g = this.fp.group[id] as number;
    sums[g] = (sums[g] as bigint) + BigInt(units) * (this.fp.weight[id] as bigint);
  }

  private addTopUp(sums: bigint[], kind: number): void {
    const extra = this.topUp(kind);
    if (extra > 0) this.addUnits(sums, this.ledger.last[kind] as number, extra);
  }

  /** step_size: the quantity still to bill to reach the next multiple of the last component's step. */
  private topUp(kind: number): number {
    const l = this.ledger;
    const last = l.last[kind] as number;
    if (last < 0) return 0;
    const step = this.fp.step[last] as number;
    if (step === 0) return 0;
    const base = this.stepBasisBilled ? (l.priced[kind] as number) : (l.all[kind] as number);
    const rest = base % step;
    return rest > 0 ? step - rest : 0;
  }

  private bucketOfComponent(id: number): Bucket {
    const c = this.compiled.components[id];
    if (!c || this.compiled.elements[c.elementIndex]?.reservation !== undefined) return 'reservation';
    return c.type === 'ENERGY'
      ? 'energy'
      : c.type === 'TIME'
        ? 'time'
        : c.type === 'PARKING_TIME'
          ? 'parking'
          : 'fixed';
  }
}

/** Starts incremental pricing of a session: feed it meter samples in time order. */
export function createPricer(tariff: Tariff, context: PricerContext): SessionPricer {
  return new SessionPricer(tariff, context);
}
