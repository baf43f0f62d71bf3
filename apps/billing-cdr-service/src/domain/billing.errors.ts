/** Stable error codes of the billing domain (STYLE.md §7). */
export type BillingErrorCode =
  | 'BILLING.TARIFF_INVALID'
  | 'BILLING.CURRENCY_MISMATCH'
  | 'BILLING.SESSION_CONFLICT'
  | 'BILLING.CDR_INVALID'
  | 'BILLING.NOT_FOUND'
  | 'BILLING.AMBIGUOUS_REFERENCE'
  | 'BILLING.NO_INVOICE'
  | 'BILLING.ALREADY_CREDITED'
  | 'BILLING.DOCUMENT_PENDING'
  | 'BILLING.INVALID_REQUEST'
  | 'BILLING.ROUNDING';

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

/** Input that can never be billed however often it is retried (the consumer dead-letters it at once). */
export const PERMANENT_BILLING_ERRORS: ReadonlySet<BillingErrorCode> = new Set([
  'BILLING.TARIFF_INVALID',
  'BILLING.CURRENCY_MISMATCH',
  'BILLING.SESSION_CONFLICT',
  'BILLING.CDR_INVALID',
]);
