import { aPaymentConfirmed, aSessionCompleted, CPO, DEMO_LOCATION } from '../../../test/builders';
import { onPaymentConfirmed, onSessionCompleted, type DecideContext } from '../billing/billing.decider';
import { newBillingRecord, type BillingRecord } from '../billing/billing-record';
import { buildReconciliationReport, reportToCsv, type ReportRow } from './reconciliation-report';

const T0 = new Date('2026-03-10T12:00:00Z');
const ctx: DecideContext = {
  now: T0,
  confirmationDeadlineHours: 24,
  businessDateOf: (iso) => iso.slice(0, 10),
};
const cdrCtx = { cpo: CPO, location: DEMO_LOCATION, locationKnown: true, invoiceCreator: 'CPO' as const };

function record(
  n: string,
  capture?: { status: 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED'; amount: string },
): BillingRecord {
  const ref = `ref-${n}`;
  let r = onSessionCompleted(
    newBillingRecord({ countryCode: 'NL', partyId: 'PTP' }, ref, `c-${n}`),
    aSessionCompleted({ sessionId: `S-${n}`, authorizationReference: ref }),
    cdrCtx,
    ctx,
  ).record;
  if (capture) {
    r = onPaymentConfirmed(
      r,
      aPaymentConfirmed({
        facId: `F-${n}`,
        authorizationReference: ref,
        captureStatus: capture.status,
        captured: { inclVat: capture.amount, currency: 'EUR' },
      }),
      `e-${n}`,
      ctx,
    ).record;
  }
  return r;
}

describe('reconciliation report: authorised vs CDR vs captured, per payment and per day', () => {
  const records = [
    record('ok', { status: 'SUCCESS', amount: '6.37' }),
    record('partial', { status: 'PARTIAL_SUCCESS', amount: '4.00' }),
    record('failed', { status: 'FAILED', amount: '0.00' }),
    record('waiting'),
  ];

  it.each([
    ['before the confirmation deadline', T0, 'PENDING', []],
    [
      'after the confirmation deadline',
      new Date(T0.getTime() + 25 * 3_600_000),
      'MISMATCH',
      ['MISSING_CONFIRMATION'],
    ],
  ])('%s, an unconfirmed CDR is %s', (_when, now, status, mismatches) => {
    const report = buildReconciliationReport('2026-03-10', records, now, 24);
    expect(report.rows.map((r) => [r.authorizationReference, r.status, r.mismatches])).toEqual([
      ['ref-failed', 'MISMATCH', ['CAPTURE_FAILED']],
      ['ref-ok', 'OK', []],
      ['ref-partial', 'MISMATCH', ['CAPTURE_PARTIAL']],
      ['ref-waiting', status, mismatches],
    ]);
    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        authorisedInclVat: '200.00',
        cdrInclVat: '25.48',
        capturedInclVat: '10.37',
        invoicedInclVat: '0.00',
      },
    ]);
  });

  it('CSV: header, one quoted-where-needed row per payment', () => {
    const report = buildReconciliationReport('2026-03-10', records.slice(0, 2), T0, 24);
    const lines = reportToCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'date,authorization_reference,ptp,session_id,cdr_id,currency,authorised_incl_vat,cdr_incl_vat,captured_incl_vat,capture_status,invoice_number,invoiced_incl_vat,credit_notes,mismatches,status',
    );
    expect(lines[1]).toMatch(
      /^2026-03-10,ref-ok,NL-PTP,S-ok,CDR-[0-9A-F]{32},EUR,50.00,6.37,6.37,SUCCESS,,,,,OK$/,
    );
    expect(lines).toHaveLength(4);
    expect(
      reportToCsv({
        ...report,
        rows: [{ ...(report.rows[0] as ReportRow), authorizationReference: 'a,"b"' }],
      }),
    ).toMatch(/,"a,""b""",/);
  });
});
