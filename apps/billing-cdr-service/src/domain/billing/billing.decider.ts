import type { PaymentConfirmedPayload, SessionCompletedPayload } from '@tapcharge/contracts';
import { BillingError } from '../billing.errors';
import { buildCdr, type BuildCdrInput, type BuiltCdr } from '../cdr/cdr-builder';
import { buildCreditNote } from '../invoice/credit-note-builder';
import { buildInvoice } from '../invoice/invoice-builder';
import type { InvoiceDocument, Seller } from '../invoice/invoice.types';
import { dec, minorDigits } from '../money/money';
import { captureMismatches, missingConfirmation } from '../reconciliation/mismatch-rules';
import { appliedFac, type BillingRecord, type FacRecord, type MismatchRecord } from './billing-record';

export interface DecideContext {
  now: Date;
  confirmationDeadlineHours: number;
  /** The reconciliation day of an instant (report time zone). */
  businessDateOf: (iso: string) => string;
}

/** A decision: the next record, plus what to announce (a new CDR, newly detected mismatches). */
export interface Decision {
  record: BillingRecord;
  cdr?: BuiltCdr;
  mismatches: MismatchRecord[];
  /** Nothing changed (duplicate or late input). */
  unchanged: boolean;
}

const same = (record: BillingRecord): Decision => ({ record, mismatches: [], unchanged: true });

/**
 * SessionCompleted -> the session's one CDR (unless it has one already: redeliveries and replays change
 * nothing), mismatches for a capped total or an unconfirmed stop, then a confirmation that arrived first.
 */
export function onSessionCompleted(
  current: BillingRecord,
  session: SessionCompletedPayload,
  cdrContext: Omit<BuildCdrInput, 'session' | 'now'>,
  ctx: DecideContext,
): Decision {
  if (current.sessionId !== undefined && current.sessionId !== session.sessionId) {
    throw new BillingError(
      'BILLING.SESSION_CONFLICT',
      `authorization_reference ${session.authorizationReference} belongs to session ${current.sessionId}, not ${session.sessionId}`,
    );
  }
  if (current.cdr || current.notBilledReason !== undefined) return same(current);
  let record: BillingRecord = {
    ...current,
    sessionId: session.sessionId,
    currency: session.limitInclVat.currency,
    authorisedInclVat: session.limitInclVat.amount,
    businessDate: ctx.businessDateOf(session.endedAt),
    session: {
      state: session.state,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      ...(session.stopReason ? { stopReason: session.stopReason } : {}),
      flagged: session.flaggedForReconciliation,
    },
  };
  const mismatches: MismatchRecord[] = [];
  let built: BuiltCdr | undefined;
  if (session.state !== 'COMPLETED') {
    record.notBilledReason = `session ${session.state.toLowerCase()}${session.stopReason ? ` (${session.stopReason})` : ''}`;
  } else {
    built = buildCdr({ ...cdrContext, session, now: ctx.now });
    record.cdr = built.summary;
    record.confirmationDueAtMs = ctx.now.getTime() + ctx.confirmationDeadlineHours * 3_600_000;
    const digits = minorDigits(built.summary.currency);
    const amounts = {
      currency: built.summary.currency,
      authorisedInclVat: session.limitInclVat.amount,
      cdrInclVat: dec(built.summary.total.inclVat).toDecimalPlaces(digits).toFixed(digits),
    };
    if (built.capped) {
      mismatches.push({
        kind: 'CDR_ABOVE_AUTHORISED',
        detectedAt: ctx.now.toISOString(),
        ...amounts,
        detail: `tariff price ${built.summary.pricedTotal.inclVat} incl. VAT above the authorised amount; CDR capped`,
      });
    }
    if (session.flaggedForReconciliation) {
      mismatches.push({
        kind: 'STOP_NOT_CONFIRMED',
        detectedAt: ctx.now.toISOString(),
        ...amounts,
        detail: 'the charger did not confirm the stop in time',
      });
    }
  }
  record = { ...record, mismatches: [...record.mismatches, ...mismatches] };
  // Confirmations that came first: a successful capture wins over a failed one.
  const waiting =
    record.facs.find((f) => f.captureStatus !== 'FAILED') ?? record.facs[record.facs.length - 1];
  if (waiting && record.appliedFacId === undefined) {
    const applied = applyConfirmation(record, waiting, ctx);
    return {
      record: applied.record,
      ...(built ? { cdr: built } : {}),
      mismatches: [...mismatches, ...applied.mismatches],
      unchanged: false,
    };
  }
  return { record, ...(built ? { cdr: built } : {}), mismatches, unchanged: false };
}

/**
 * PaymentConfirmed (FAC) -> recorded once per FAC id. Before the CDR it waits in the record; with the CDR it
 * is reconciled and, for SUCCESS / PARTIAL_SUCCESS, the invoice becomes due. A second capture after a
 * failed one is applied; after a successful one it is kept for the record only.
 */
export function onPaymentConfirmed(
  current: BillingRecord,
  fac: PaymentConfirmedPayload,
  eventId: string,
  ctx: DecideContext,
): Decision {
  if (current.facs.some((f) => f.facId === fac.facId)) return same(current);
  const received: FacRecord = {
    facId: fac.facId,
    eventId,
    captureStatus: fac.captureStatus,
    capturedInclVat: fac.captured.inclVat,
    ...(fac.captured.exclVat !== undefined ? { capturedExclVat: fac.captured.exclVat } : {}),
    currency: fac.captured.currency,
    eftData: [...fac.eftData],
    ...(fac.captureStatusMessage ? { message: fac.captureStatusMessage } : {}),
    receivedAt: fac.receivedAt,
  };
  const record: BillingRecord = {
    ...current,
    facs: [...current.facs, received],
    businessDate: current.businessDate ?? ctx.businessDateOf(fac.receivedAt),
  };
  const previous = appliedFac(current);
  const billedYet = record.cdr !== undefined || record.notBilledReason !== undefined;
  if (!billedYet || (previous && previous.captureStatus !== 'FAILED')) {
    return { record, mismatches: [], unchanged: false };
  }
  return applyConfirmation(record, received, ctx);
}

function applyConfirmation(current: BillingRecord, fac: FacRecord, ctx: DecideContext): Decision {
  const found = captureMismatches(current, fac, ctx.now);
  const fresh = found.filter((m) => !current.mismatches.some((k) => k.kind === m.kind));
  const invoiceable =
    current.cdr !== undefined &&
    fac.captureStatus !== 'FAILED' &&
    fac.currency === current.cdr.currency &&
    current.invoice === undefined;
  const record: BillingRecord = {
    ...current,
    appliedFacId: fac.facId,
    confirmationDueAtMs: null,
    mismatches: [...current.mismatches, ...fresh],
    ...(invoiceable
      ? {
          pendingDocument: { kind: 'INVOICE' as const, requestedAt: ctx.now.toISOString() },
          documentDueSinceMs: ctx.now.getTime(),
        }
      : {}),
  };
  return { record, mismatches: fresh, unchanged: false };
}

/** The confirmation deadline passed without a FAC: MISSING_CONFIRMATION, once. */
export function onConfirmationDeadline(current: BillingRecord, ctx: DecideContext): Decision {
  const m = missingConfirmation(current, ctx.now, ctx.confirmationDeadlineHours);
  if (!m) return same(current);
  const fresh = current.mismatches.some((k) => k.kind === m.kind) ? [] : [m];
  return {
    record: { ...current, confirmationDueAtMs: null, mismatches: [...current.mismatches, ...fresh] },
    mismatches: fresh,
    unchanged: false,
  };
}

/** An operator asks to correct an issued invoice: a credit note becomes due (issued with its own number). */
export function onCreditNoteRequested(
  current: BillingRecord,
  reason: string,
  ctx: DecideContext,
): BillingRecord {
  if (!current.invoice) {
    throw new BillingError('BILLING.NO_INVOICE', `no invoice issued for ${current.authorizationReference}`);
  }
  if (current.creditNotes.length > 0) {
    throw new BillingError(
      'BILLING.ALREADY_CREDITED',
      `invoice ${current.invoice.invoiceNumber} was already credited by ${current.creditNotes[0]?.invoiceNumber}`,
    );
  }
  if (current.pendingDocument) {
    throw new BillingError(
      'BILLING.DOCUMENT_PENDING',
      `a ${current.pendingDocument.kind} is being issued; retry`,
    );
  }
  return {
    ...current,
    pendingDocument: { kind: 'CREDIT_NOTE', requestedAt: ctx.now.toISOString(), reason },
    documentDueSinceMs: ctx.now.getTime(),
  };
}

/**
 * Fills the pending document with its reserved number. Deterministic in (record, number, issuedAt): a
 * retry after a crash produces the same document. The issued invoice is never touched again.
 */
export function issuePendingDocument(
  current: BillingRecord,
  number: string,
  issuedAt: string,
  seller: Seller,
): { record: BillingRecord; document: InvoiceDocument } {
  const request = current.pendingDocument;
  if (!request) throw new BillingError('BILLING.INVALID_REQUEST', `nothing to issue for ${current.key}`);
  const done = { pendingDocument: null, documentDueSinceMs: null };
  if (request.kind === 'INVOICE') {
    const fac = appliedFac(current);
    if (!current.cdr || !fac || !current.sessionId) {
      throw new BillingError(
        'BILLING.INVALID_REQUEST',
        `invoice of ${current.key} needs a CDR and a capture`,
      );
    }
    const document = buildInvoice({
      number,
      cdr: current.cdr,
      sessionId: current.sessionId,
      authorizationReference: current.authorizationReference,
      capturedInclVat: fac.capturedInclVat,
      eftData: fac.eftData,
      seller,
      issuedAt,
    });
    return { record: { ...current, ...done, invoice: document }, document };
  }
  if (!current.invoice)
    throw new BillingError('BILLING.NO_INVOICE', `no invoice to credit for ${current.key}`);
  const document = buildCreditNote(current.invoice, number, request.reason, issuedAt);
  return { record: { ...current, ...done, creditNotes: [...current.creditNotes, document] }, document };
}
