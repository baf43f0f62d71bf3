import type { PartyRef, ReconciliationMismatchPayload, SessionState } from '@tapcharge/contracts';
import type { CdrSummary } from '../cdr/cdr-summary';
import type { InvoiceDocument } from '../invoice/invoice.types';

export type CaptureStatus = 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED';
export type MismatchKind = ReconciliationMismatchPayload['kind'];

/** A FinancialAdviceConfirmation as received (one per distinct FAC id). */
export interface FacRecord {
  facId: string;
  eventId: string;
  captureStatus: CaptureStatus;
  capturedInclVat: string;
  capturedExclVat?: string;
  currency: string;
  eftData: string[];
  message?: string;
  receivedAt: string;
}

export interface MismatchRecord {
  kind: MismatchKind;
  detectedAt: string;
  currency: string;
  authorisedInclVat?: string;
  cdrInclVat?: string;
  capturedInclVat?: string;
  detail?: string;
}

export type DocumentRequest =
  { kind: 'INVOICE'; requestedAt: string } | { kind: 'CREDIT_NOTE'; requestedAt: string; reason: string };

/**
 * Billing's aggregate: everything about one payment, keyed by the PTP and its authorization_reference (the
 * join key of session, CDR, FAC and invoice). One document, so the CDR, the confirmation and the invoice
 * of a payment change together atomically (FerretDB v1 has no transactions).
 */
export interface BillingRecord {
  key: string;
  authorizationReference: string;
  ptp: PartyRef;
  correlationId: string;
  sessionId?: string;
  currency?: string;
  authorisedInclVat?: string;
  /** The reconciliation day (session end, else FAC receipt) in the report time zone, YYYY-MM-DD. */
  businessDate?: string;
  session?: {
    state: SessionState;
    startedAt: string;
    endedAt: string;
    stopReason?: string;
    flagged: boolean;
  };
  cdr?: CdrSummary;
  /** A session that never started (rejected, timed out) gets no CDR. */
  notBilledReason?: string;
  facs: FacRecord[];
  appliedFacId?: string;
  /** When a missing confirmation becomes a mismatch (epoch ms); null once confirmed or reported. */
  confirmationDueAtMs: number | null;
  /** A document that must be issued (numbered) next; see IssueDocumentsUseCase. */
  pendingDocument: DocumentRequest | null;
  /** Indexed twin of pendingDocument for the recovery scan (epoch ms), null when nothing is pending. */
  documentDueSinceMs: number | null;
  invoice?: InvoiceDocument;
  creditNotes: InvoiceDocument[];
  mismatches: MismatchRecord[];
}

export function billingKey(ptp: PartyRef, authorizationReference: string): string {
  return `${ptp.countryCode}-${ptp.partyId}:${authorizationReference}`;
}

export function newBillingRecord(
  ptp: PartyRef,
  authorizationReference: string,
  correlationId: string,
): BillingRecord {
  return {
    key: billingKey(ptp, authorizationReference),
    authorizationReference,
    ptp: { countryCode: ptp.countryCode, partyId: ptp.partyId },
    correlationId,
    facs: [],
    confirmationDueAtMs: null,
    pendingDocument: null,
    documentDueSinceMs: null,
    creditNotes: [],
    mismatches: [],
  };
}

/** The FAC the invoice is based on. */
export function appliedFac(r: BillingRecord): FacRecord | undefined {
  return r.facs.find((f) => f.facId === r.appliedFacId);
}
