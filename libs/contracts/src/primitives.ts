import { z } from 'zod';

/** An instant on the wire: ISO 8601 with an explicit offset (UTC `Z` or `±HH:MM`). */
export const Instant = z.iso.datetime({ offset: true });

/**
 * A decimal amount as a string (never a binary float): optional sign, digits, optional fraction.
 * Money on the wire is `{ amount: "12.3400", currency: "EUR" }` (STYLE.md §3).
 */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'expected a decimal string like "12.34"');

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

export const Money = z.object({ amount: DecimalString, currency: Currency });
export type Money = z.infer<typeof Money>;

/** An amount with both VAT views, as OCPI 2.2.1 `Price`; `inclVat` may be unknown (no VAT applicable). */
export const PriceAmount = z.object({
  exclVat: DecimalString,
  inclVat: DecimalString,
  currency: Currency,
});
export type PriceAmount = z.infer<typeof PriceAmount>;

export const OcppProtocol = z.enum(['ocpp1.6', 'ocpp2.0.1']);
export type OcppProtocol = z.infer<typeof OcppProtocol>;

/** OCPI CiString(36) etc.: printable ASCII, bounded. */
export const ciString = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]+$/, 'expected printable ASCII');

export const StationId = z.string().min(1).max(48);
export const SessionId = ciString(36);
export const AuthorizationReference = ciString(36);

/** A PTP peer as OCPI identifies a party. */
export const PartyRef = z.object({ countryCode: z.string().length(2), partyId: z.string().min(1).max(3) });
export type PartyRef = z.infer<typeof PartyRef>;

/** Where a connector sits, in OCPI terms and OCPP terms. */
export const ConnectorRef = z.object({
  locationId: ciString(36),
  evseUid: ciString(36),
  connectorId: ciString(36),
  stationId: StationId,
  /** OCPP 2.0.1 EVSE id (1..n); for OCPP 1.6 equal to the connector id. */
  ocppEvseId: z.number().int().min(0),
  /** OCPP connector id (1.6 connectorId; 2.0.1 connectorId within the EVSE). */
  ocppConnectorId: z.number().int().min(0),
});
export type ConnectorRef = z.infer<typeof ConnectorRef>;

/** One normalised meter sample (OCPP 1.6 / 2.0.1 MeterValues, units and multipliers applied). */
export const MeterSample = z.object({
  timestamp: Instant,
  /** Energy.Active.Import.Register in Wh (a register: monotonic over a transaction). */
  energyWh: z.number().nonnegative().optional(),
  /** Power.Active.Import in W. */
  powerW: z.number().optional(),
  /** Current.Import in A (sum or max over phases, see libs/ocpp). */
  currentA: z.number().optional(),
  socPercent: z.number().min(0).max(100).optional(),
  context: z
    .enum([
      'Sample.Periodic',
      'Sample.Clock',
      'Transaction.Begin',
      'Transaction.End',
      'Trigger',
      'Interruption.Begin',
      'Interruption.End',
      'Other',
    ])
    .default('Sample.Periodic'),
});
export type MeterSample = z.infer<typeof MeterSample>;

/** OCPI CdrToken, as sent by the PTP in START_SESSION (copied into Session and CDR). */
export const CdrToken = z.object({
  country_code: z.string().length(2),
  party_id: z.string().min(1).max(3),
  uid: ciString(36),
  type: z.string().min(1).max(32),
  contract_id: ciString(36),
});
export type CdrToken = z.infer<typeof CdrToken>;
