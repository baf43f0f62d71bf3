/**
 * The receipt link is `invoice_base_url` + `authorization_reference`; the spec does not say how to join
 * them. We always hand out a base that ends in `/`, so plain concatenation (what a PTP written from the
 * spec text does) and path-segment joining (what ocpi-kit does) give the same URL (ADR 0005).
 */
export function normalizeInvoiceBaseUrl(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

export function invoiceUrl(base: string, authorizationReference: string): string {
  return `${normalizeInvoiceBaseUrl(base)}${encodeURIComponent(authorizationReference)}`;
}
