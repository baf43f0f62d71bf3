import { z } from 'zod';
import { AnyPrice, Price230 } from './price';
import {
  ciId,
  ciString,
  CountryCode,
  CurrencyCode,
  DateTime,
  GeoLocation,
  LenientUrl,
  PartyId,
} from './primitives';

export const InvoiceCreator = z.enum(['CPO', 'PTP']);
export type InvoiceCreator = z.infer<typeof InvoiceCreator>;

export const CaptureStatusCode = z.enum(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED']);
export type CaptureStatusCode = z.infer<typeof CaptureStatusCode>;

const terminalFields = {
  customer_reference: ciString(36).optional(),
  party_id: PartyId.optional(),
  country_code: CountryCode.optional(),
  address: ciString(45).optional(),
  city: ciString(45).optional(),
  postal_code: ciString(10).optional(),
  state: ciString(20).optional(),
  country: ciString(3).optional(),
  coordinates: GeoLocation.optional(),
  invoice_base_url: LenientUrl.optional(),
  invoice_creator: InvoiceCreator.optional(),
  reference: ciString(36).optional(),
  location_ids: z.array(ciId(36)).optional(),
  evse_uids: z.array(ciId(36)).optional(),
};

/** Terminal (2.3.0 Payments), as we emit it: `terminal_id` and `last_updated` are required. */
export const Terminal = z.object({ terminal_id: ciId(36), ...terminalFields, last_updated: DateTime });
export type Terminal = z.infer<typeof Terminal>;

/**
 * Terminal as a PTP POSTs it: the spec's minimal example is `{terminal_id}` only, so `last_updated` is
 * optional on input (we stamp the receive time).
 */
export const TerminalInput = Terminal.extend({ last_updated: DateTime.optional() });
export type TerminalInput = z.infer<typeof TerminalInput>;

/** PATCH body for the PTP's terminal (location/EVSE assignment); the official OpenAPI requires last_updated. */
export const TerminalPatch = z.object({
  location_ids: z.array(ciId(36)).optional(),
  evse_uids: z.array(ciId(36)).optional(),
  last_updated: DateTime,
});
export type TerminalPatch = z.infer<typeof TerminalPatch>;

const facFields = {
  id: ciId(36),
  authorization_reference: ciId(36),
  eft_data: z.array(ciString(255)).optional(),
  capture_status_code: CaptureStatusCode,
  capture_status_message: ciString(255).optional(),
  last_updated: DateTime,
};

/** FinancialAdviceConfirmation (2.3.0) as we store and return it: `total_costs` in the 2.3.0 Price shape. */
export const FinancialAdviceConfirmation = z.object({
  ...facFields,
  total_costs: Price230,
  currency: CurrencyCode,
});
export type FinancialAdviceConfirmation = z.infer<typeof FinancialAdviceConfirmation>;

/**
 * FinancialAdviceConfirmation as a PTP POSTs it: `total_costs` in either Price shape (the spec's own
 * examples use 2.2.1's, digest 1.7.3), `eft_data` optional (its failure example has none), `currency` in
 * any letter case (CiString). Normalise with `toPrice230` before storing.
 */
export const FinancialAdviceConfirmationInput = z.object({
  ...facFields,
  total_costs: AnyPrice,
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code like EUR')
    .transform((c) => c.toUpperCase()),
});
export type FinancialAdviceConfirmationInput = z.infer<typeof FinancialAdviceConfirmationInput>;
