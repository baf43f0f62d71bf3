import type Decimal from 'decimal.js';
import { appliedFac, type BillingRecord, type MismatchKind } from '../billing/billing-record';
import { dec, minorDigits, ZERO } from '../money/money';
import { missingConfirmation } from './mismatch-rules';

export type RowStatus = 'OK' | 'MISMATCH' | 'PENDING' | 'NOT_BILLED';

/** One payment on the day: authorised vs CDR total vs captured, in minor units, and its mismatches. */
export interface ReportRow {
  authorizationReference: string;
  ptp: string;
  sessionId?: string;
  cdrId?: string;
  currency: string;
  authorisedInclVat?: string;
  cdrInclVat?: string;
  capturedInclVat?: string;
  captureStatus?: string;
  invoiceNumber?: string;
  invoicedInclVat?: string;
  creditNoteNumbers: string[];
  mismatches: MismatchKind[];
  status: RowStatus;
}

export interface CurrencyTotals {
  currency: string;
  authorisedInclVat: string;
  cdrInclVat: string;
  capturedInclVat: string;
  invoicedInclVat: string;
}

export interface ReconciliationReport {
  date: string;
  generatedAt: string;
  confirmationDeadlineHours: number;
  sessions: number;
  byStatus: Record<RowStatus, number>;
  mismatchesByKind: Partial<Record<MismatchKind, number>>;
  totals: CurrencyTotals[];
  rows: ReportRow[];
}

/**
 * The day's reconciliation from the billing records whose business date it is. Mismatches are the ones
 * raised, plus a missing confirmation whose deadline has passed but which the periodic check has not
 * raised yet, so the report never lags the rules.
 */
export function buildReconciliationReport(
  date: string,
  records: readonly BillingRecord[],
  now: Date,
  confirmationDeadlineHours: number,
): ReconciliationReport {
  const rows = [...records]
    .sort(
      (a, b) =>
        (a.session?.endedAt ?? '').localeCompare(b.session?.endedAt ?? '') ||
        a.authorizationReference.localeCompare(b.authorizationReference),
    )
    .map((r) => rowOf(r, now, confirmationDeadlineHours));
  const byStatus: Record<RowStatus, number> = { OK: 0, MISMATCH: 0, PENDING: 0, NOT_BILLED: 0 };
  const mismatchesByKind: Partial<Record<MismatchKind, number>> = {};
  const sums = new Map<string, { a: Decimal; c: Decimal; p: Decimal; i: Decimal }>();
  for (const row of rows) {
    byStatus[row.status] += 1;
    for (const k of row.mismatches) mismatchesByKind[k] = (mismatchesByKind[k] ?? 0) + 1;
    const s = sums.get(row.currency) ?? { a: ZERO, c: ZERO, p: ZERO, i: ZERO };
    sums.set(row.currency, {
      a: s.a.plus(row.authorisedInclVat ?? 0),
      c: s.c.plus(row.cdrInclVat ?? 0),
      p: s.p.plus(row.capturedInclVat ?? 0),
      i: s.i.plus(row.invoicedInclVat ?? 0),
    });
  }
  const totals = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => {
      const d = minorDigits(currency);
      return {
        currency,
        authorisedInclVat: s.a.toFixed(d),
        cdrInclVat: s.c.toFixed(d),
        capturedInclVat: s.p.toFixed(d),
        invoicedInclVat: s.i.toFixed(d),
      };
    });
  return {
    date,
    generatedAt: now.toISOString(),
    confirmationDeadlineHours,
    sessions: rows.length,
    byStatus,
    mismatchesByKind,
    totals,
    rows,
  };
}

function rowOf(r: BillingRecord, now: Date, deadlineHours: number): ReportRow {
  const fac = appliedFac(r) ?? r.facs[r.facs.length - 1];
  const currency = r.cdr?.currency ?? r.currency ?? fac?.currency ?? 'EUR';
  const d = minorDigits(currency);
  const money = (v: string | undefined) =>
    v === undefined ? undefined : dec(v).toDecimalPlaces(d).toFixed(d);
  const kinds = r.mismatches.map((m) => m.kind);
  const live = missingConfirmation(r, now, deadlineHours);
  if (live && !kinds.includes(live.kind)) kinds.push(live.kind);
  const status: RowStatus =
    kinds.length > 0
      ? 'MISMATCH'
      : r.notBilledReason !== undefined && !fac
        ? 'NOT_BILLED'
        : !r.cdr || !fac
          ? 'PENDING'
          : 'OK';
  const opt = <K extends string, V>(k: K, v: V | undefined) =>
    v === undefined ? {} : ({ [k]: v } as Record<K, V>);
  return {
    authorizationReference: r.authorizationReference,
    ptp: `${r.ptp.countryCode}-${r.ptp.partyId}`,
    ...opt('sessionId', r.sessionId),
    ...opt('cdrId', r.cdr?.id),
    currency,
    ...opt('authorisedInclVat', money(r.authorisedInclVat)),
    ...opt('cdrInclVat', money(r.cdr?.total.inclVat)),
    ...opt('capturedInclVat', money(fac?.capturedInclVat)),
    ...opt('captureStatus', fac?.captureStatus),
    ...opt('invoiceNumber', r.invoice?.invoiceNumber),
    ...opt('invoicedInclVat', r.invoice?.totalInclVat),
    creditNoteNumbers: r.creditNotes.map((c) => c.invoiceNumber),
    mismatches: kinds,
    status,
  };
}

const CSV_COLUMNS: ReadonlyArray<[string, (r: ReportRow) => string]> = [
  ['authorization_reference', (r) => r.authorizationReference],
  ['ptp', (r) => r.ptp],
  ['session_id', (r) => r.sessionId ?? ''],
  ['cdr_id', (r) => r.cdrId ?? ''],
  ['currency', (r) => r.currency],
  ['authorised_incl_vat', (r) => r.authorisedInclVat ?? ''],
  ['cdr_incl_vat', (r) => r.cdrInclVat ?? ''],
  ['captured_incl_vat', (r) => r.capturedInclVat ?? ''],
  ['capture_status', (r) => r.captureStatus ?? ''],
  ['invoice_number', (r) => r.invoiceNumber ?? ''],
  ['invoiced_incl_vat', (r) => r.invoicedInclVat ?? ''],
  ['credit_notes', (r) => r.creditNoteNumbers.join(' ')],
  ['mismatches', (r) => r.mismatches.join(' ')],
  ['status', (r) => r.status],
];

/** RFC 4180 CSV, one row per payment; the date leads every row so days can be concatenated. */
export function reportToCsv(report: ReconciliationReport): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['date', ...CSV_COLUMNS.map(([name]) => name)].join(',');
  const lines = report.rows.map((r) =>
    [report.date, ...CSV_COLUMNS.map(([, get]) => get(r))].map(cell).join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}
