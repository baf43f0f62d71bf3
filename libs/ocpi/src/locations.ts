import { z } from 'zod';
import { BusinessDetails, Image } from './credentials';
import {
  ciId,
  ciString,
  CountryCode,
  DateTime,
  DisplayText,
  GeoLocation,
  ocpiString,
  OcpiNumber,
  openEnum,
  PartyId,
  Url,
  type OcpiVersion,
} from './primitives';

export const EvseStatus = z.enum([
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
]);
export type EvseStatus = z.infer<typeof EvseStatus>;

/** Capability (OpenEnum in 2.3.0). For payment terminals: CREDIT/DEBIT_CARD_PAYABLE, PED_TERMINAL... */
export const Capability = openEnum([
  'CHARGING_PROFILE_CAPABLE',
  'CHARGING_PREFERENCES_CAPABLE',
  'CHIP_CARD_SUPPORT',
  'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE',
  'UNLOCK_CAPABLE',
]);

export const ConnectorType = openEnum([
  'CHADEMO',
  'CHAOJI',
  'DOMESTIC_A',
  'DOMESTIC_B',
  'DOMESTIC_C',
  'DOMESTIC_D',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
  'DOMESTIC_M',
  'DOMESTIC_N',
  'DOMESTIC_O',
  'GBT_AC',
  'GBT_DC',
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'MCS',
  'NEMA_5_20',
  'NEMA_6_30',
  'NEMA_6_50',
  'NEMA_10_30',
  'NEMA_10_50',
  'NEMA_14_30',
  'NEMA_14_50',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
  'SAE_J3400',
  'TESLA_R',
  'TESLA_S',
]);
export const ConnectorFormat = z.enum(['SOCKET', 'CABLE']);
export const PowerType = z.enum(['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC']);
export const ParkingRestriction = openEnum(['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES']);
export const ParkingType = openEnum([
  'ALONG_MOTORWAY',
  'PARKING_GARAGE',
  'PARKING_LOT',
  'ON_DRIVEWAY',
  'ON_STREET',
  'UNDERGROUND_GARAGE',
]);

export const Connector = z.object({
  id: ciId(36),
  standard: ConnectorType,
  format: ConnectorFormat,
  power_type: PowerType,
  max_voltage: z.number().int(),
  max_amperage: z.number().int(),
  max_electric_power: z.number().int().optional(),
  tariff_ids: z.array(ciId(36)).optional(),
  terms_and_conditions: Url.optional(),
  capabilities: z.array(ciString(64)).optional(),
  last_updated: DateTime,
});
export type Connector = z.infer<typeof Connector>;

export const StatusSchedule = z.object({
  period_begin: DateTime,
  period_end: DateTime.optional(),
  status: EvseStatus,
});

export const Evse = z.object({
  uid: ciId(36),
  evse_id: ciString(48).optional(),
  status: EvseStatus,
  status_schedule: z.array(StatusSchedule).optional(),
  capabilities: z.array(Capability).optional(),
  connectors: z.array(Connector).min(1, 'at least one connector'),
  floor_level: ocpiString(4).optional(),
  coordinates: GeoLocation.optional(),
  physical_reference: ocpiString(16).optional(),
  directions: z.array(DisplayText).optional(),
  parking_restrictions: z.array(ParkingRestriction).optional(),
  images: z.array(Image).optional(),
  last_updated: DateTime,
});
export type Evse = z.infer<typeof Evse>;

const HHMM = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;

export const RegularHours = z.object({
  weekday: z.number().int().min(1).max(7),
  period_begin: z.string().regex(HHMM, 'expected HH:MM'),
  period_end: z.string().regex(HHMM, 'expected HH:MM'),
});
export const ExceptionalPeriod = z.object({ period_begin: DateTime, period_end: DateTime });
export const Hours = z.object({
  twentyfourseven: z.boolean(),
  regular_hours: z.array(RegularHours).optional(),
  exceptional_openings: z.array(ExceptionalPeriod).optional(),
  exceptional_closings: z.array(ExceptionalPeriod).optional(),
});

export const PublishTokenType = z.object({
  uid: ciString(36).optional(),
  type: ciString(36).optional(),
  visual_number: ocpiString(64).optional(),
  issuer: ocpiString(64).optional(),
  group_id: ciString(36).optional(),
});

export const AdditionalGeoLocation = GeoLocation.extend({ name: DisplayText.optional() });

export const EnergySource = z.object({ source: ciString(32), percentage: OcpiNumber });
export const EnvironmentalImpact = z.object({ category: ciString(32), amount: OcpiNumber });
export const EnergyMix = z.object({
  is_green_energy: z.boolean(),
  energy_sources: z.array(EnergySource).optional(),
  environ_impact: z.array(EnvironmentalImpact).optional(),
  supplier_name: ocpiString(64).optional(),
  energy_product_name: ocpiString(64).optional(),
});

/** Location; `address` is string(45) in 2.2.1 and string(255) in 2.3.0 ed2, `state` 20 and 45. */
export function locationSchemaFor(version: OcpiVersion) {
  const v230 = version === '2.3.0';
  return z.object({
    country_code: CountryCode,
    party_id: PartyId,
    id: ciId(36),
    publish: z.boolean(),
    publish_allowed_to: z.array(PublishTokenType).optional(),
    name: ocpiString(255).optional(),
    address: ocpiString(v230 ? 255 : 45),
    city: ocpiString(45),
    postal_code: ocpiString(10).optional(),
    state: ocpiString(v230 ? 45 : 20).optional(),
    country: ocpiString(3).min(3, 'expected ISO 3166 alpha-3'),
    coordinates: GeoLocation,
    related_locations: z.array(AdditionalGeoLocation).optional(),
    parking_type: ParkingType.optional(),
    evses: z.array(Evse).optional(),
    directions: z.array(DisplayText).optional(),
    operator: BusinessDetails.optional(),
    suboperator: BusinessDetails.optional(),
    owner: BusinessDetails.optional(),
    facilities: z.array(ciString(32)).optional(),
    time_zone: ocpiString(255).min(1),
    opening_times: Hours.optional(),
    charging_when_closed: z.boolean().optional(),
    images: z.array(Image).optional(),
    energy_mix: EnergyMix.optional(),
    ...(v230 ? { help_phone: ciString(25).optional() } : {}),
    last_updated: DateTime,
  });
}
export const Location221 = locationSchemaFor('2.2.1');
export const Location230 = locationSchemaFor('2.3.0');
export type Location = z.infer<typeof Location230>;
