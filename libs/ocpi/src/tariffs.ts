import { z } from 'zod';
import { EnergyMix } from './locations';
import { Price221, PriceLimit } from './price';
import {
  ciId,
  CountryCode,
  CurrencyCode,
  DateTime,
  DisplayText,
  OcpiNumber,
  PartyId,
  Url,
  type OcpiVersion,
} from './primitives';

export const TariffType = z.enum([
  'AD_HOC_PAYMENT',
  'PROFILE_CHEAP',
  'PROFILE_FAST',
  'PROFILE_GREEN',
  'REGULAR',
]);
export type TariffType = z.infer<typeof TariffType>;
export const TariffDimensionType = z.enum(['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME']);
export const DayOfWeek = z.enum([
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
]);
export const ReservationRestrictionType = z.enum(['RESERVATION', 'RESERVATION_EXPIRES']);
export const TaxIncluded = z.enum(['YES', 'NO', 'N/A']);
export type TaxIncluded = z.infer<typeof TaxIncluded>;

export const PriceComponent = z.object({
  type: TariffDimensionType,
  price: OcpiNumber,
  vat: OcpiNumber.optional(),
  step_size: z.number().int().min(0),
});

const HHMM = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const TariffRestrictions = z.object({
  start_time: z.string().regex(HHMM, 'expected HH:MM').optional(),
  end_time: z.string().regex(HHMM, 'expected HH:MM').optional(),
  start_date: z.string().regex(DATE, 'expected YYYY-MM-DD').optional(),
  end_date: z.string().regex(DATE, 'expected YYYY-MM-DD').optional(),
  min_kwh: OcpiNumber.optional(),
  max_kwh: OcpiNumber.optional(),
  min_current: OcpiNumber.optional(),
  max_current: OcpiNumber.optional(),
  min_power: OcpiNumber.optional(),
  max_power: OcpiNumber.optional(),
  min_duration: z.number().int().optional(),
  max_duration: z.number().int().optional(),
  day_of_week: z.array(DayOfWeek).optional(),
  reservation: ReservationRestrictionType.optional(),
});

export const TariffElement = z.object({
  price_components: z.array(PriceComponent).min(1, 'at least one price component'),
  restrictions: TariffRestrictions.optional(),
});

const tariffBase = {
  country_code: CountryCode,
  party_id: PartyId,
  id: ciId(36),
  currency: CurrencyCode,
  type: TariffType.optional(),
  tariff_alt_text: z.array(DisplayText).optional(),
  tariff_alt_url: Url.optional(),
  elements: z.array(TariffElement).min(1, 'at least one element'),
  start_date_time: DateTime.optional(),
  end_date_time: DateTime.optional(),
  energy_mix: EnergyMix.optional(),
  last_updated: DateTime,
};

export const Tariff221 = z.object({
  ...tariffBase,
  min_price: Price221.optional(),
  max_price: Price221.optional(),
});
export type Tariff221 = z.infer<typeof Tariff221>;

/** 2.3.0: min/max are PriceLimits, `preauthorize_amount` (a PTP pre-authorises it) and `tax_included` new. */
export const Tariff230 = z.object({
  ...tariffBase,
  min_price: PriceLimit.optional(),
  max_price: PriceLimit.optional(),
  preauthorize_amount: OcpiNumber.optional(),
  tax_included: TaxIncluded,
});
export type Tariff230 = z.infer<typeof Tariff230>;

export const tariffSchemaFor = (version: OcpiVersion) => (version === '2.2.1' ? Tariff221 : Tariff230);
