import { EVENTS, isEvent, type EventEnvelope, type SessionSnapshot } from '@tapcharge/contracts';
import { readCdrFacts } from '../domain/cdr-facts.reader';
import type { ReceiptInput } from '../domain/receipt.reducer';

export interface ReceiptEvent {
  eventId: string;
  reference: string;
  input: ReceiptInput;
}

/** The events the receipt read model is built from. */
export const RECEIPT_EVENTS = [
  EVENTS.SessionStarted,
  EVENTS.SessionUpdated,
  EVENTS.SessionCompleted,
  EVENTS.CdrCreated,
  EVENTS.PaymentConfirmed,
  EVENTS.InvoiceIssued,
];

/**
 * Translates a validated event into a receipt fact, keeping only what a page may show: no session, station,
 * CDR or token ids survive this step.
 */
export function toReceiptEvent(event: EventEnvelope): ReceiptEvent | undefined {
  const base = { eventId: event.eventId };
  if (
    isEvent(event, EVENTS.SessionStarted) ||
    isEvent(event, EVENTS.SessionUpdated) ||
    isEvent(event, EVENTS.SessionCompleted)
  ) {
    const s = event.payload as SessionSnapshot;
    const session: Extract<ReceiptInput, { kind: 'session' }>['session'] = {
      state: s.state,
      connectorId: s.connector.connectorId,
      startedAt: s.startedAt,
      energyWh: s.energyWh,
      cost: s.cost,
      limitInclVat: s.limitInclVat,
      lastUpdated: s.lastUpdated,
    };
    if (s.endedAt) session.endedAt = s.endedAt;
    if (s.stopReason) session.stopReason = s.stopReason;
    return { ...base, reference: s.authorizationReference, input: { kind: 'session', session } };
  }
  if (isEvent(event, EVENTS.CdrCreated)) {
    const p = event.payload;
    return {
      ...base,
      reference: p.authorizationReference,
      input: {
        kind: 'cdr',
        cdr: readCdrFacts(p.cdr, p.total, p.createdAt),
        credit: p.cdr['credit'] === true,
      },
    };
  }
  if (isEvent(event, EVENTS.PaymentConfirmed)) {
    const p = event.payload;
    return {
      ...base,
      reference: p.authorizationReference,
      input: {
        kind: 'payment',
        payment: {
          captureStatus: p.captureStatus,
          capturedInclVat: p.captured.inclVat,
          currency: p.captured.currency,
          lastUpdated: p.lastUpdated,
        },
      },
    };
  }
  if (isEvent(event, EVENTS.InvoiceIssued)) {
    const p = event.payload;
    const invoice: Extract<ReceiptInput, { kind: 'invoice' }>['invoice'] = {
      invoiceNumber: p.invoiceNumber,
      kind: p.kind,
      currency: p.currency,
      lines: p.lines,
      vatBreakdown: p.vatBreakdown,
      totalExclVat: p.totalExclVat,
      totalVat: p.totalVat,
      totalInclVat: p.totalInclVat,
      eftData: p.eftData,
      seller: p.seller,
      issuedAt: p.issuedAt,
    };
    if (p.correctsInvoiceNumber) invoice.correctsInvoiceNumber = p.correctsInvoiceNumber;
    return { ...base, reference: p.authorizationReference, input: { kind: 'invoice', invoice } };
  }
  return undefined;
}
