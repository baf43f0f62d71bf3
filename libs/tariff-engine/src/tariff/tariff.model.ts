import type {
  DayOfWeek,
  OcpiVersion,
  ReservationRestrictionType,
  TariffDimensionType,
  TariffType,
  TaxIncluded,
} from './ocpi-tariff.types';

/**
 * A validated tariff, normalised across OCPI versions: amounts are exact decimal strings, times are
 * canonical ("HH:MM"), enums are upper case. Produced only by `parseTariff`.
 */
export interface Tariff {
  readonly ocpiVersion: OcpiVersion;
  readonly countryCode: string;
  readonly partyId: string;
  readonly id: string;
  readonly currency: string;
  readonly type?: TariffType;
  readonly altText: readonly DisplayText[];
  readonly altUrl?: string;
  /** Prices are per unit excl. tax, unless this is 'YES' (2.2.1 tariffs are always 'NO'). */
  readonly taxIncluded: TaxIncluded;
  readonly minPrice?: PriceLimit;
  readonly maxPrice?: PriceLimit;
  readonly preauthorizeAmount?: string;
  readonly elements: readonly TariffElement[];
  readonly startDateTime?: string;
  readonly endDateTime?: string;
  readonly energyMix?: Readonly<Record<string, unknown>>;
  readonly lastUpdated: string;
}

export interface DisplayText {
  readonly language: string;
  readonly text: string;
}

/** 2.2.1 Price {excl_vat, incl_vat?} and 2.3.0 PriceLimit {before_taxes, after_taxes?} alike. */
export interface PriceLimit {
  readonly beforeTaxes: string;
  readonly afterTaxes?: string;
}

export interface TariffElement {
  readonly priceComponents: readonly PriceComponent[];
  readonly restrictions?: TariffRestrictions;
}

export interface PriceComponent {
  readonly type: TariffDimensionType;
  /** Per kWh (ENERGY), per hour (TIME, PARKING_TIME) or once (FLAT). */
  readonly price: string;
  /** Percentage; absent means no VAT applicable. */
  readonly vat?: string;
  /** Wh for ENERGY, seconds for TIME/PARKING_TIME; 0 means no rounding. */
  readonly stepSize: number;
}

export interface TariffRestrictions {
  readonly startTime?: string;
  readonly endTime?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly minKwh?: string;
  readonly maxKwh?: string;
  readonly minCurrent?: string;
  readonly maxCurrent?: string;
  readonly minPower?: string;
  readonly maxPower?: string;
  readonly minDuration?: number;
  readonly maxDuration?: number;
  readonly dayOfWeek?: readonly DayOfWeek[];
  readonly reservation?: ReservationRestrictionType;
}
