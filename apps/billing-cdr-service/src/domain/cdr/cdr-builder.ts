import type { PartyRef, SessionCompletedPayload } from '@tapcharge/contracts';
import {
  parseTariff,
  priceSession,
  toOcpiTariff,
  TariffValidationError,
  type Amount,
  type SessionPrice,
  type Tariff,
} from '@tapcharge/tariff-engine';
import { z } from 'zod';
import { BillingError } from '../billing.errors';
import { Dec, dec } from '../money/money';
import { capAtLimit } from './cap-at-limit';
import { cdrIdOf } from './cdr-id';
import type { CdrLocation } from './cdr-location';
import type { AmountText, CdrSummary, DimensionCost } from './cdr-summary';
import { ocpiCdrSchema } from './ocpi-cdr.schema';
import { ocpiDateTime, wirePrice, type OcpiVersion } from './wire-price';

export interface BuildCdrInput {
  session: SessionCompletedPayload;
  /** Our party (the CPO): the CDR's country_code / party_id. */
  cpo: PartyRef;
  location: CdrLocation;
  /** False when the Location was not in the directory (placeholders were used). */
  locationKnown: boolean;
  /** CPO: we invoice the driver, so the CDR carries invoice_reference_id (OCPI payments §1.5). */
  invoiceCreator: 'CPO' | 'PTP';
  now: Date;
}

export interface BuiltCdr {
  summary: CdrSummary;
  /** The OCPI CDR object in the PTP's version shape. */
  cdr: Record<string, unknown>;
  /** The tariff total exceeded the authorised amount and the CDR total was capped at it. */
  capped: boolean;
}

const ZERO_AMOUNT: AmountText = { exclVat: '0.0000', inclVat: '0.0000', taxes: [] };

/**
 * The session's one CDR: the meter samples priced by the tariff the driver saw at start (libs/tariff-engine,
 * the same engine the cost-limit loop used), charging periods per dimension, totals excl./incl. VAT in the
 * PTP's OCPI version. The total never exceeds the authorised amount: above it, it is capped and the remark says so.
 */
export function buildCdr(input: BuildCdrInput): BuiltCdr {
  const { session, now } = input;
  const version: OcpiVersion = session.ocpiVersion;
  const tariff = parse(session.tariff);
  const currency = session.limitInclVat.currency;
  if (tariff.currency !== currency) {
    throw new BillingError(
      'BILLING.CURRENCY_MISMATCH',
      `tariff ${tariff.id} is in ${tariff.currency} but the authorised amount in ${currency}`,
    );
  }
  const samples = session.samples.flatMap((s) =>
    s.energyWh === undefined
      ? []
      : [
          {
            timestamp: s.timestamp,
            energyWh: s.energyWh,
            ...(s.powerW !== undefined ? { powerW: s.powerW } : {}),
            ...(s.currentA !== undefined ? { currentA: s.currentA } : {}),
          },
        ],
  );
  const price =
    samples.length > 0
      ? priceSession(tariff, { timeZone: session.timeZone, meterSamples: samples })
      : undefined;
  const metered = price !== undefined && price.chargingPeriods.length > 0;
  const pricedTotal = price ? text(price.total) : ZERO_AMOUNT;
  const { amount: total, capped } = capAtLimit(pricedTotal, session.limitInclVat.amount);

  const id = cdrIdOf(session.sessionId);
  const startedAt = ocpiDateTime(session.startedAt);
  const endedAt = ocpiDateTime(session.endedAt);
  const periods = metered
    ? price.chargingPeriods.map((p) => ({
        start_date_time: ocpiDateTime(p.start_date_time),
        dimensions: p.dimensions.map((d) => ({ type: d.type, volume: periodVolume(d.type, d.volume) })),
        tariff_id: p.tariff_id,
      }))
    : [{ start_date_time: startedAt, dimensions: [{ type: 'ENERGY', volume: 0 }], tariff_id: tariff.id }];
  const remark = remarkOf({
    capped,
    pricedInclVat: pricedTotal.inclVat,
    limit: session.limitInclVat.amount,
    currency,
    metered,
    flagged: session.flaggedForReconciliation,
    locationKnown: input.locationKnown,
  });
  const optionalCost = (key: string, amount: AmountText) =>
    dec(amount.exclVat).isZero() && dec(amount.inclVat).isZero() ? {} : { [key]: wirePrice(amount, version) };
  const dims = price ? dimensionsOf(price) : [];
  const byDim = (d: DimensionCost['dimension']) => dims.find((x) => x.dimension === d)?.amount ?? ZERO_AMOUNT;
  const parkingHours = price ? dec(price.parkingTimeHours) : dec(0);

  const cdr: Record<string, unknown> = {
    country_code: input.cpo.countryCode,
    party_id: input.cpo.partyId,
    id,
    start_date_time: startedAt,
    end_date_time: endedAt,
    session_id: session.sessionId,
    cdr_token: session.token,
    auth_method: 'COMMAND',
    authorization_reference: session.authorizationReference,
    cdr_location: input.location,
    currency,
    ...tariffsOf(tariff, version),
    charging_periods: periods,
    total_cost: wirePrice(total, version),
    ...optionalCost('total_fixed_cost', byDim('FLAT')),
    total_energy: price ? Number(price.totalEnergyKwh) : 0,
    ...optionalCost('total_energy_cost', byDim('ENERGY')),
    total_time: price ? Number(price.totalTimeHours) : 0,
    ...optionalCost('total_time_cost', byDim('TIME')),
    ...(parkingHours.gt(0) ? { total_parking_time: parkingHours.toNumber() } : {}),
    ...optionalCost('total_parking_cost', byDim('PARKING_TIME')),
    ...optionalCost('total_reservation_cost', byDim('RESERVATION')),
    ...(remark ? { remark } : {}),
    ...(input.invoiceCreator === 'CPO' ? { invoice_reference_id: session.authorizationReference } : {}),
    last_updated: ocpiDateTime(now),
  };
  const checked = ocpiCdrSchema(version).safeParse(cdr);
  if (!checked.success) {
    throw new BillingError('BILLING.CDR_INVALID', `CDR ${id}: ${z.prettifyError(checked.error)}`);
  }
  return {
    cdr,
    capped,
    summary: {
      id,
      ocpiVersion: version,
      currency,
      startedAt,
      endedAt,
      energyKwh: price?.totalEnergyKwh ?? '0',
      dimensions: dims,
      pricedTotal,
      total,
      minPriceApplied: price?.minPriceApplied ?? false,
      maxPriceApplied: price?.maxPriceApplied ?? false,
      capped,
      createdAt: now.toISOString(),
      json: JSON.stringify(cdr),
    },
  };
}

const TIME_DIMENSIONS = new Set(['TIME', 'PARKING_TIME', 'RESERVATION_TIME']);

/**
 * Hours of a time dimension as written in the CDR. The engine rounds hours half up to 6 decimals, so 43
 * minutes become 0.716667 h = 2580.0012 s, and whoever re-prices the CDR from its periods (the PTP, or
 * `npm run tariff -- price`) rounds that up to one more step_size (44 min). Meter timestamps are whole
 * seconds: we recover the seconds and write the hours rounded down, so re-pricing never bills a phantom step.
 */
function periodVolume(type: string, volume: number): number {
  if (!TIME_DIMENSIONS.has(type)) return volume;
  const seconds = Math.round(volume * 3600);
  return dec(seconds).div(3600).toDecimalPlaces(6, Dec.ROUND_DOWN).toNumber();
}

function parse(json: Record<string, unknown>): Tariff {
  try {
    return parseTariff(json);
  } catch (err) {
    if (err instanceof TariffValidationError) throw new BillingError('BILLING.TARIFF_INVALID', err.message);
    throw err;
  }
}

function text(a: Amount): AmountText {
  return {
    exclVat: a.exclVat,
    inclVat: a.inclVat,
    taxes: a.taxes.map((t) => ({
      name: t.name,
      ...(t.percentage !== undefined ? { percentage: t.percentage } : {}),
      amount: t.amount,
    })),
  };
}

/** Billed quantity and cost per dimension (before min/max price), the invoice's lines. */
function dimensionsOf(p: SessionPrice): DimensionCost[] {
  const all: DimensionCost[] = [
    { dimension: 'FLAT', quantity: '1', unit: 'session', amount: text(p.fixed) },
    { dimension: 'ENERGY', quantity: p.billedEnergyKwh, unit: 'kWh', amount: text(p.energy) },
    { dimension: 'TIME', quantity: p.billedChargingTimeHours, unit: 'h', amount: text(p.time) },
    { dimension: 'PARKING_TIME', quantity: p.billedParkingTimeHours, unit: 'h', amount: text(p.parking) },
    { dimension: 'RESERVATION', quantity: p.reservationTimeHours, unit: 'h', amount: text(p.reservation) },
  ];
  return all.filter((d) => !dec(d.amount.inclVat).isZero() || !dec(d.amount.exclVat).isZero());
}

/** The tariff as at start, in the PTP's version when it can be expressed there (optional in a CDR). */
function tariffsOf(tariff: Tariff, version: OcpiVersion): { tariffs?: unknown[] } {
  try {
    return { tariffs: [toOcpiTariff(tariff, version)] };
  } catch {
    return {};
  }
}

function remarkOf(r: {
  capped: boolean;
  pricedInclVat: string;
  limit: string;
  currency: string;
  metered: boolean;
  flagged: boolean;
  locationKnown: boolean;
}): string | undefined {
  const parts: string[] = [];
  if (r.capped)
    parts.push(
      `Total capped at the authorised ${r.currency} ${r.limit} incl. VAT (tariff price ${r.pricedInclVat}); the charger did not stop in time.`,
    );
  else if (r.flagged) parts.push('Stop not confirmed by the charger in time; under review.');
  if (!r.metered) parts.push('No meter data: nothing billed.');
  if (!r.locationKnown) parts.push('Location details unavailable.');
  return parts.length > 0 ? parts.join(' ').slice(0, 255) : undefined;
}
