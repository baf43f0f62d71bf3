/**
 * OCPI `authorization_reference` is a CiString(36): 1..36 printable ASCII characters (0x20-0x7E). It arrives
 * in the URL path percent-encoded where needed; the HTTP layer hands us the decoded value.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]{1,36}$/;

export type ReferenceCheck = { ok: true; value: string } | { ok: false };

export function checkAuthorizationReference(decoded: unknown): ReferenceCheck {
  if (typeof decoded !== 'string' || !PRINTABLE_ASCII.test(decoded)) return { ok: false };
  return { ok: true, value: decoded };
}

/**
 * The receipt URL printed as the terminal's QR code: `invoice_base_url` + `authorization_reference`
 * (OCPI 2.3.0 Terminal). The base always ends in `/`; the reference is percent-encoded so a reference with
 * `/`, `?`, `#` or spaces still names exactly one path segment (same rule as the OCPI gateway's ADR 0005).
 */
export function receiptUrl(invoiceBaseUrl: string, authorizationReference: string): string {
  const base = invoiceBaseUrl.endsWith('/') ? invoiceBaseUrl : `${invoiceBaseUrl}/`;
  return `${base}${encodeURIComponent(authorizationReference)}`;
}
