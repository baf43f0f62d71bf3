import {
  emptyReceipt,
  isSessionOver,
  type CdrFacts,
  type InvoiceFacts,
  type PaymentFacts,
  type ReceiptState,
  type SessionFacts,
} from './receipt';

/** One fact about a receipt, already translated from its event (duplicates are dropped before this). */
export type ReceiptInput =
  | { kind: 'session'; session: SessionFacts }
  | { kind: 'cdr'; cdr: CdrFacts; credit: boolean }
  | { kind: 'payment'; payment: PaymentFacts }
  | { kind: 'invoice'; invoice: InvoiceFacts };

const MAX_INVOICES = 20;

const time = (iso: string) => Date.parse(iso);

/**
 * Folds one fact into the receipt. Order-tolerant: events of one reference travel on different topics and a
 * redelivered old SessionUpdated may arrive after a newer one, so each part keeps the newest version by its
 * own timestamp and never regresses (an ended session is never shown as running again).
 */
export function applyReceiptInput(
  state: ReceiptState | undefined,
  ref: string,
  input: ReceiptInput,
): ReceiptState {
  const r = state ?? emptyReceipt(ref);
  switch (input.kind) {
    case 'session':
      return isNewerSession(r.session, input.session) ? { ...r, session: input.session } : r;
    case 'cdr':
      // A credit CDR (OCPI: corrections) carries negative totals; the breakdown stays the billed CDR's.
      if (input.credit) return r;
      return !r.cdr || time(input.cdr.createdAt) > time(r.cdr.createdAt) ? { ...r, cdr: input.cdr } : r;
    case 'payment':
      return !r.payment || time(input.payment.lastUpdated) > time(r.payment.lastUpdated)
        ? { ...r, payment: input.payment }
        : r;
    case 'invoice': {
      if (r.invoices.some((i) => i.invoiceNumber === input.invoice.invoiceNumber)) return r;
      const invoices = [...r.invoices, input.invoice]
        .sort((a, b) => time(a.issuedAt) - time(b.issuedAt))
        .slice(-MAX_INVOICES);
      return { ...r, invoices };
    }
  }
}

function isNewerSession(current: SessionFacts | undefined, next: SessionFacts): boolean {
  if (!current) return true;
  const [a, b] = [time(current.lastUpdated), time(next.lastUpdated)];
  if (isSessionOver(current) && !isSessionOver(next)) return false;
  if (b !== a) return b > a;
  // Same instant: the final snapshot (SessionCompleted beside the last SessionUpdated) wins.
  return isSessionOver(next) && !isSessionOver(current);
}
