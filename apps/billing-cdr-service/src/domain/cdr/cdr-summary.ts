/** A tax on an amount (OCPI 2.3.0 TaxAmount, decimal strings). */
export interface TaxText {
  name: string;
  percentage?: string;
  amount: string;
}

/** An amount with both VAT views as exact decimal strings (4 decimals, OCPI precision). */
export interface AmountText {
  exclVat: string;
  inclVat: string;
  taxes: TaxText[];
}

export type CostDimension = 'ENERGY' | 'TIME' | 'PARKING_TIME' | 'FLAT' | 'RESERVATION';

/** One priced dimension of the CDR (OCPI total_energy_cost, total_time_cost, ...) with its billed quantity. */
export interface DimensionCost {
  dimension: CostDimension;
  quantity: string;
  unit: 'kWh' | 'h' | 'session';
  amount: AmountText;
}

/**
 * What billing keeps of a CDR besides the wire object: the exact amounts the invoice and reconciliation
 * are built from. `total` is what is billed (capped at the authorised amount); `pricedTotal` what the tariff
 * gives for the metered session.
 */
export interface CdrSummary {
  id: string;
  ocpiVersion: '2.2.1' | '2.3.0';
  currency: string;
  startedAt: string;
  endedAt: string;
  energyKwh: string;
  dimensions: DimensionCost[];
  pricedTotal: AmountText;
  total: AmountText;
  minPriceApplied: boolean;
  maxPriceApplied: boolean;
  capped: boolean;
  createdAt: string;
  /** The OCPI CDR as sent (JSON text: exact numbers, and no nested-array limits of the store). */
  json: string;
}
