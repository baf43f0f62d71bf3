import { z } from 'zod';
import { ConnectorFormat, ConnectorType, PowerType } from './locations';
import { priceSchemaFor } from './price';
import { ChargingPeriod } from './sessions';
import { tariffSchemaFor } from './tariffs';
import {
  ciId,
  ciString,
  CountryCode,
  CurrencyCode,
  DateTime,
  GeoLocation,
  ocpiString,
  OcpiNumber,
  PartyId,
  Url,
  type OcpiVersion,
} from './primitives';
import { AuthMethod, CdrToken } from './tokens';

/** CdrLocation; its `address` stays string(45) in 2.3.0. */
export const CdrLocation = z.object({
  id: ciId(36),
  name: ocpiString(255).optional(),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(45).optional(),
  country: ocpiString(3),
  coordinates: GeoLocation,
  evse_uid: ciId(36),
  evse_id: ciString(48),
  connector_id: ciId(36),
  connector_standard: ConnectorType,
  connector_format: ConnectorFormat,
  connector_power_type: PowerType,
});

export const SignedValue = z.object({
  nature: ciString(32),
  plain_data: ocpiString(5000),
  signed_data: ocpiString(5000),
});
export const SignedData = z.object({
  encoding_method: ciString(36),
  encoding_method_version: z.number().int().optional(),
  public_key: ocpiString(512).optional(),
  signed_values: z.array(SignedValue).min(1),
  url: ocpiString(512).optional(),
});

export function cdrSchemaFor(version: OcpiVersion) {
  const Price = priceSchemaFor(version);
  return z.object({
    country_code: CountryCode,
    party_id: PartyId,
    id: ciId(39),
    start_date_time: DateTime,
    end_date_time: DateTime,
    session_id: ciString(36).optional(),
    cdr_token: CdrToken,
    auth_method: AuthMethod,
    authorization_reference: ciString(36).optional(),
    cdr_location: CdrLocation,
    meter_id: ocpiString(255).optional(),
    currency: CurrencyCode,
    tariffs: z.array(tariffSchemaFor(version)).optional(),
    charging_periods: z.array(ChargingPeriod).min(1, 'at least one charging period'),
    signed_data: SignedData.optional(),
    total_cost: Price,
    total_fixed_cost: Price.optional(),
    total_energy: OcpiNumber,
    total_energy_cost: Price.optional(),
    total_time: OcpiNumber,
    total_time_cost: Price.optional(),
    total_parking_time: OcpiNumber.optional(),
    total_parking_cost: Price.optional(),
    total_reservation_cost: Price.optional(),
    remark: ocpiString(255).optional(),
    invoice_reference_id: ciString(39).optional(),
    credit: z.boolean().optional(),
    credit_reference_id: ciString(39).optional(),
    home_charging_compensation: z.boolean().optional(),
    last_updated: DateTime,
  });
}
export const Cdr221 = cdrSchemaFor('2.2.1');
export const Cdr230 = cdrSchemaFor('2.3.0');
export type Cdr = z.infer<typeof Cdr221> | z.infer<typeof Cdr230>;

/** A CDR's `Location` response header target: where the receiver stored it. */
export const CdrLocationHeader = Url;
