import { z } from 'zod';
import { priceSchemaFor } from './price';
import {
  ciId,
  ciString,
  CountryCode,
  CurrencyCode,
  DateTime,
  ocpiString,
  OcpiNumber,
  PartyId,
  type OcpiVersion,
} from './primitives';
import { AuthMethod, CdrToken } from './tokens';

export const SessionStatus = z.enum(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const CdrDimensionType = z.enum([
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
]);

export const CdrDimension = z.object({ type: CdrDimensionType, volume: OcpiNumber });

export const ChargingPeriod = z.object({
  start_date_time: DateTime,
  dimensions: z.array(CdrDimension).min(1, 'at least one dimension'),
  tariff_id: ciString(36).optional(),
});
export type ChargingPeriod = z.infer<typeof ChargingPeriod>;

export function sessionSchemaFor(version: OcpiVersion) {
  return z.object({
    country_code: CountryCode,
    party_id: PartyId,
    id: ciId(36),
    start_date_time: DateTime,
    end_date_time: DateTime.optional(),
    kwh: OcpiNumber,
    cdr_token: CdrToken,
    auth_method: AuthMethod,
    authorization_reference: ciString(36).optional(),
    location_id: ciId(36),
    evse_uid: ciId(36),
    connector_id: ciId(36),
    meter_id: ocpiString(255).optional(),
    currency: CurrencyCode,
    charging_periods: z.array(ChargingPeriod).optional(),
    total_cost: priceSchemaFor(version).optional(),
    status: SessionStatus,
    last_updated: DateTime,
  });
}
export const Session221 = sessionSchemaFor('2.2.1');
export const Session230 = sessionSchemaFor('2.3.0');
export type Session = z.infer<typeof Session221> | z.infer<typeof Session230>;
