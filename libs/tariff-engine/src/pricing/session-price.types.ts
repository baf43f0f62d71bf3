import type { OcpiVersion } from '../tariff/ocpi-tariff.types';

/** A tax on an amount; OCPI 2.3.0 TaxAmount with decimal strings. */
export interface TaxLine {
  readonly name: string;
  /** The rate in percent, when one rate applies to the amount. */
  readonly percentage?: string;
  readonly amount: string;
}

/**
 * An amount in both views: `exclVat` (2.3.0 `before_taxes`), `inclVat` = `exclVat` + all `taxes`.
 * Decimal strings with 4 decimals, rounded half up once from the exact value; tax lines are rounded
 * so that they add up exactly to `inclVat - exclVat`.
 */
export interface Amount {
  readonly exclVat: string;
  readonly inclVat: string;
  readonly taxes: readonly TaxLine[];
}

/** OCPI CdrDimension as produced by the engine (volumes are quantities, not money: plain numbers). */
export interface OcpiCdrDimension {
  readonly type:
    | 'ENERGY'
    | 'TIME'
    | 'PARKING_TIME'
    | 'RESERVATION_TIME'
    | 'MIN_POWER'
    | 'MAX_POWER'
    | 'MIN_CURRENT'
    | 'MAX_CURRENT';
  readonly volume: number;
}

export interface OcpiChargingPeriod {
  readonly start_date_time: string;
  readonly dimensions: readonly OcpiCdrDimension[];
  readonly tariff_id: string;
}

export type CostDimension = 'energy' | 'time' | 'parking' | 'fixed' | 'reservation';

/** The priced session: what a CDR needs, exact. */
export interface SessionPrice {
  readonly tariffId: string;
  readonly currency: string;
  readonly ocpiVersion: OcpiVersion;
  /** Total after min_price / max_price. */
  readonly total: Amount;
  /** Per dimension, before min/max (OCPI total_energy_cost, total_time_cost, ...). */
  readonly energy: Amount;
  readonly time: Amount;
  readonly parking: Amount;
  readonly fixed: Amount;
  readonly reservation: Amount;
  /** Quantities: kWh and hours, as decimal strings (up to 6 decimals). */
  readonly totalEnergyKwh: string;
  readonly billedEnergyKwh: string;
  /** Charging + parking time (OCPI total_time). */
  readonly totalTimeHours: string;
  readonly chargingTimeHours: string;
  readonly billedChargingTimeHours: string;
  readonly parkingTimeHours: string;
  readonly billedParkingTimeHours: string;
  readonly reservationTimeHours: string;
  readonly minPriceApplied: boolean;
  readonly maxPriceApplied: boolean;
  readonly chargingPeriods: readonly OcpiChargingPeriod[];
  /** Things worth a look, e.g. `TARIFF_NOT_VALID_AT_SESSION_START`. */
  readonly warnings: readonly string[];
}

export interface PricingOptions {
  /**
   * What step_size rounds up: 'BILLED' (default; current OCPI text, ocpi/ocpi#546) rounds the
   * quantity that was priced by a component; 'TOTAL' rounds all of it, priced or free, and bills
   * the difference at the last price (tandemdrive ocpi-tariffs 0.6).
   */
  readonly stepSizeBasis?: 'BILLED' | 'TOTAL';
}
