import { dec, minorDigits } from '../money/money';
import type { BillingRecord, FacRecord, MismatchKind, MismatchRecord } from '../billing/billing-record';

/**
 * What a capture says about a payment, compared in the currency's minor units (what a card can carry):
 * the billed amount is the CDR total rounded half up (0 when no CDR was billed).
 */
export function captureMismatches(r: BillingRecord, fac: FacRecord, now: Date): MismatchRecord[] {
  const currency = r.cdr?.currency ?? r.currency ?? fac.currency;
  const digits = minorDigits(currency);
  const billed = dec(r.cdr?.total.inclVat ?? '0').toDecimalPlaces(digits);
  const captured = dec(fac.capturedInclVat).toDecimalPlaces(digits);
  const amounts = {
    currency,
    ...(r.authorisedInclVat !== undefined ? { authorisedInclVat: r.authorisedInclVat } : {}),
    cdrInclVat: billed.toFixed(digits),
    capturedInclVat: captured.toFixed(digits),
  };
  const at = now.toISOString();
  const m = (kind: MismatchKind, detail: string): MismatchRecord => ({
    kind,
    detectedAt: at,
    ...amounts,
    detail,
  });
  const out: MismatchRecord[] = [];
  if (fac.currency !== currency) {
    out.push(
      m('CAPTURED_LESS_THAN_CDR', `captured in ${fac.currency}, billed in ${currency}: nothing invoiced`),
    );
    return out;
  }
  if (fac.captureStatus === 'FAILED') {
    out.push(m('CAPTURE_FAILED', fac.message ? `capture failed: ${fac.message}` : 'capture failed'));
    return out;
  }
  if (fac.captureStatus === 'PARTIAL_SUCCESS')
    out.push(m('CAPTURE_PARTIAL', fac.message ? `partial capture: ${fac.message}` : 'partial capture'));
  if (captured.gt(billed))
    out.push(
      m('CAPTURED_MORE_THAN_CDR', `captured ${captured.minus(billed).toFixed(digits)} more than billed`),
    );
  else if (captured.lt(billed) && fac.captureStatus === 'SUCCESS')
    out.push(
      m('CAPTURED_LESS_THAN_CDR', `captured ${billed.minus(captured).toFixed(digits)} less than billed`),
    );
  return out;
}

/** A CDR that waited past the deadline for its confirmation. */
export function missingConfirmation(
  r: BillingRecord,
  now: Date,
  deadlineHours: number,
): MismatchRecord | undefined {
  if (!r.cdr || r.appliedFacId !== undefined) return undefined;
  if (r.confirmationDueAtMs === null || r.confirmationDueAtMs > now.getTime()) return undefined;
  const digits = minorDigits(r.cdr.currency);
  return {
    kind: 'MISSING_CONFIRMATION',
    detectedAt: now.toISOString(),
    currency: r.cdr.currency,
    ...(r.authorisedInclVat !== undefined ? { authorisedInclVat: r.authorisedInclVat } : {}),
    cdrInclVat: dec(r.cdr.total.inclVat).toDecimalPlaces(digits).toFixed(digits),
    detail: `no payment confirmation within ${deadlineHours} h of the CDR`,
  };
}
