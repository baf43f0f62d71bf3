import { aPaymentConfirmed, aSessionCompleted, CPO, DEMO_LOCATION, SELLER } from '../../../test/builders';
import { BillingError } from '../billing.errors';
import {
  issuePendingDocument,
  onConfirmationDeadline,
  onCreditNoteRequested,
  onPaymentConfirmed,
  onSessionCompleted,
  type DecideContext,
} from './billing.decider';
import { newBillingRecord, type BillingRecord } from './billing-record';

const T0 = new Date('2026-03-10T12:00:00Z');
const ctx = (now = T0): DecideContext => ({
  now,
  confirmationDeadlineHours: 24,
  businessDateOf: (iso) => iso.slice(0, 10),
});
const cdrCtx = { cpo: CPO, location: DEMO_LOCATION, locationKnown: true, invoiceCreator: 'CPO' as const };
const fresh = () => newBillingRecord({ countryCode: 'NL', partyId: 'PTP' }, 'pp-bill-1', 'corr-1');
const completed = (r: BillingRecord, overrides: Parameters<typeof aSessionCompleted>[0] = {}) =>
  onSessionCompleted(r, aSessionCompleted(overrides), cdrCtx, ctx());
const confirmed = (
  r: BillingRecord,
  overrides: Parameters<typeof aPaymentConfirmed>[0] = {},
  eventId = 'e-fac',
) => onPaymentConfirmed(r, aPaymentConfirmed(overrides), eventId, ctx());
const kinds = (r: BillingRecord) => r.mismatches.map((m) => m.kind);

describe('billing decider', () => {
  it('SessionCompleted builds the CDR once; a replay changes nothing', () => {
    const first = completed(fresh());
    expect(first.cdr?.summary.total.inclVat).toBe('6.3720');
    expect(first.record).toMatchObject({
      sessionId: 'S-BILL-1',
      businessDate: '2026-03-10',
      confirmationDueAtMs: T0.getTime() + 24 * 3_600_000,
    });
    const replay = completed(first.record);
    expect(replay.unchanged).toBe(true);
    expect(replay.record).toBe(first.record);
  });

  it('a different session for the same authorization_reference is a conflict', () => {
    const first = completed(fresh());
    expect(() => completed(first.record, { sessionId: 'S-OTHER' })).toThrow(BillingError);
  });

  it.each([
    ['REJECTED', 'START_REJECTED'],
    ['FAILED', 'START_TIMEOUT'],
  ] as const)('a %s session (never started) is not billed', (state, stopReason) => {
    const d = completed(fresh(), { state, stopReason });
    expect(d.cdr).toBeUndefined();
    expect(d.record.notBilledReason).toMatch(state.toLowerCase());
  });

  it.each([
    { status: 'SUCCESS' as const, captured: '6.37', mismatches: [], invoice: true },
    { status: 'PARTIAL_SUCCESS' as const, captured: '4.00', mismatches: ['CAPTURE_PARTIAL'], invoice: true },
    { status: 'FAILED' as const, captured: '0.00', mismatches: ['CAPTURE_FAILED'], invoice: false },
    { status: 'SUCCESS' as const, captured: '7.00', mismatches: ['CAPTURED_MORE_THAN_CDR'], invoice: true },
    { status: 'SUCCESS' as const, captured: '6.00', mismatches: ['CAPTURED_LESS_THAN_CDR'], invoice: true },
    {
      status: 'PARTIAL_SUCCESS' as const,
      captured: '7.00',
      mismatches: ['CAPTURE_PARTIAL', 'CAPTURED_MORE_THAN_CDR'],
      invoice: true,
    },
  ])(
    'capture $status of $captured against a 6.37 CDR -> $mismatches',
    ({ status, captured, mismatches, invoice }) => {
      const d = confirmed(completed(fresh()).record, {
        captureStatus: status,
        captured: { inclVat: captured, currency: 'EUR' },
      });
      expect(d.mismatches.map((m) => m.kind)).toEqual(mismatches);
      expect(kinds(d.record)).toEqual(mismatches);
      expect(d.record.pendingDocument?.kind === 'INVOICE').toBe(invoice);
      expect(d.record.confirmationDueAtMs).toBeNull();
    },
  );

  it('a confirmation before the CDR waits, and is applied when the CDR is built', () => {
    const early = confirmed(fresh());
    expect(early.record.appliedFacId).toBeUndefined();
    expect(early.record.pendingDocument).toBeNull();
    const later = completed(early.record);
    expect(later.record.appliedFacId).toBe('FAC-BILL-1');
    expect(later.record.pendingDocument?.kind).toBe('INVOICE');
    expect(later.record.confirmationDueAtMs).toBeNull();
  });

  it('duplicate FACs (same id) are ignored; a capture after a failed one is applied', () => {
    const base = completed(fresh()).record;
    const failed = confirmed(base, {
      facId: 'F1',
      captureStatus: 'FAILED',
      captured: { inclVat: '0', currency: 'EUR' },
    });
    expect(confirmed(failed.record, { facId: 'F1', captureStatus: 'SUCCESS' }).unchanged).toBe(true);
    const retried = confirmed(failed.record, { facId: 'F2', captureStatus: 'SUCCESS' });
    expect(retried.record.appliedFacId).toBe('F2');
    expect(retried.record.pendingDocument?.kind).toBe('INVOICE');
    const third = confirmed(retried.record, { facId: 'F3', captureStatus: 'SUCCESS' });
    expect(third.record.appliedFacId).toBe('F2');
    expect(third.record.facs).toHaveLength(3);
  });

  it('CDR above the authorised amount and an unconfirmed stop raise their mismatches once', () => {
    const d = completed(fresh(), {
      limitInclVat: { amount: '5.00', currency: 'EUR' },
      flaggedForReconciliation: true,
    });
    expect(kinds(d.record)).toEqual(['CDR_ABOVE_AUTHORISED', 'STOP_NOT_CONFIRMED']);
    expect(d.mismatches[0]).toMatchObject({ authorisedInclVat: '5.00', cdrInclVat: '5.00' });
  });

  it('MISSING_CONFIRMATION only after the deadline, and once', () => {
    const r = completed(fresh()).record;
    expect(onConfirmationDeadline(r, ctx(new Date(T0.getTime() + 23 * 3_600_000))).unchanged).toBe(true);
    const late = onConfirmationDeadline(r, ctx(new Date(T0.getTime() + 25 * 3_600_000)));
    expect(late.mismatches.map((m) => m.kind)).toEqual(['MISSING_CONFIRMATION']);
    expect(onConfirmationDeadline(late.record, ctx(new Date(T0.getTime() + 26 * 3_600_000))).unchanged).toBe(
      true,
    );
  });

  it('issues the invoice with its number, then one credit note; the invoice never changes', () => {
    const due = confirmed(completed(fresh()).record).record;
    const { record: invoiced, document } = issuePendingDocument(
      due,
      'NLTPC-INV-00000001',
      '2026-03-10T12:00:01.000Z',
      SELLER,
    );
    expect(document).toMatchObject({
      kind: 'INVOICE',
      invoiceNumber: 'NLTPC-INV-00000001',
      totalInclVat: '6.37',
    });
    expect(invoiced.pendingDocument).toBeNull();
    expect(() => issuePendingDocument(invoiced, 'X', 'x', SELLER)).toThrow(BillingError);
    const asked = onCreditNoteRequested(invoiced, 'wrong price', ctx());
    expect(() => onCreditNoteRequested(asked, 'again', ctx())).toThrow(/being issued/);
    const { record: credited, document: note } = issuePendingDocument(
      asked,
      'NLTPC-CN-00000001',
      '2026-03-11T00:00:00.000Z',
      SELLER,
    );
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      correctsInvoiceNumber: 'NLTPC-INV-00000001',
      totalInclVat: '-6.37',
    });
    expect(credited.invoice).toEqual(invoiced.invoice);
    expect(() => onCreditNoteRequested(credited, 'third', ctx())).toThrow(
      expect.objectContaining({ code: 'BILLING.ALREADY_CREDITED' }),
    );
    expect(() => onCreditNoteRequested(due, 'none', ctx())).toThrow(
      expect.objectContaining({ code: 'BILLING.NO_INVOICE' }),
    );
  });
});
