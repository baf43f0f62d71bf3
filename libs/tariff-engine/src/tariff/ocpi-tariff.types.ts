/**
 * OCPI Tariff objects as they travel on the wire (JSON numbers, snake_case), for the two versions we
 * serve. `parseTariff` reads these (leniently) and `toOcpiTariff` writes them (strictly).
 */

export type OcpiVersion = '2.2.1' | '2.3.0';

export type TariffDimensionType = 'ENERGY' | 'FLAT' | 'PARKING_TIME' | 'TIME';
export const TARIFF_DIMENSION_TYPES: readonly TariffDimensionType[] = [
  'ENERGY',
  'FLAT',
  'PARKING_TIME',
  'TIME',
];

export type DayOfWeek = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
/** In ISO order: index 0 is Monday. */
export const DAYS_OF_WEEK: readonly DayOfWeek[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export type ReservationRestrictionType = 'RESERVATION' | 'RESERVATION_EXPIRES';
export const RESERVATION_RESTRICTION_TYPES: readonly ReservationRestrictionType[] = [
  'RESERVATION',
  'RESERVATION_EXPIRES',
];

export type TariffType = 'AD_HOC_PAYMENT' | 'PROFILE_CHEAP' | 'PROFILE_FAST' | 'PROFILE_GREEN' | 'REGULAR';
export const TARIFF_TYPES: readonly TariffType[] = [
  'AD_HOC_PAYMENT',
  'PROFILE_CHEAP',
  'PROFILE_FAST',
  'PROFILE_GREEN',
  'REGULAR',
];

/** OCPI 2.3.0 TaxIncluded. */
export type TaxIncluded = 'YES' | 'NO' | 'N/A';
export const TAX_INCLUDED_VALUES: readonly TaxIncluded[] = ['YES', 'NO', 'N/A'];

export interface OcpiDisplayText {
  language: string;
  text: string;
}

export interface OcpiPriceComponent {
  type: TariffDimensionType;
  price: number;
  vat?: number;
  step_size: number;
}

export interface OcpiTariffRestrictions {
  start_time?: string;
  end_time?: string;
  start_date?: string;
  end_date?: string;
  min_kwh?: number;
  max_kwh?: number;
  min_current?: number;
  max_current?: number;
  min_power?: number;
  max_power?: number;
  min_duration?: number;
  max_duration?: number;
  day_of_week?: DayOfWeek[];
  reservation?: ReservationRestrictionType;
}

export interface OcpiTariffElement {
  price_components: OcpiPriceComponent[];
  restrictions?: OcpiTariffRestrictions;
}

/** OCPI 2.2.1 Price (also the shape of 2.2.1 `min_price` / `max_price`). */
export interface OcpiPrice221 {
  excl_vat: number;
  incl_vat?: number;
}

/** OCPI 2.3.0 TaxAmount. */
export interface OcpiTaxAmount {
  name: string;
  account_number?: string;
  percentage?: number;
  amount: number;
}

/** OCPI 2.3.0 Price. */
export interface OcpiPrice230 {
  before_taxes: number;
  taxes?: OcpiTaxAmount[];
}

/** OCPI 2.3.0 PriceLimit (`min_price` / `max_price`). */
export interface OcpiPriceLimit {
  before_taxes: number;
  after_taxes?: number;
}

interface OcpiTariffCommon {
  country_code: string;
  party_id: string;
  id: string;
  currency: string;
  type?: TariffType;
  tariff_alt_text?: OcpiDisplayText[];
  tariff_alt_url?: string;
  elements: OcpiTariffElement[];
  start_date_time?: string;
  end_date_time?: string;
  energy_mix?: Record<string, unknown>;
  last_updated: string;
}

export interface OcpiTariff221 extends OcpiTariffCommon {
  min_price?: OcpiPrice221;
  max_price?: OcpiPrice221;
}

export interface OcpiTariff230 extends OcpiTariffCommon {
  min_price?: OcpiPriceLimit;
  max_price?: OcpiPriceLimit;
  preauthorize_amount?: number;
  tax_included: TaxIncluded;
}

export type OcpiTariff = OcpiTariff221 | OcpiTariff230;
