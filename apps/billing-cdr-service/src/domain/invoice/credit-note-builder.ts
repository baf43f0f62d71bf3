import { dec, fixed, minorDigits } from '../money/money';
import type { InvoiceDocument } from './invoice.types';

/**
 * A credit note reversing an issued invoice in full: its own number, every amount negated, a reference to
 * the invoice it corrects and the reason. The invoice itself is never changed.
 */
export function buildCreditNote(
  invoice: InvoiceDocument,
  number: string,
  reason: string,
  issuedAt: string,
): InvoiceDocument {
  const digits = minorDigits(invoice.currency);
  const neg = (v: string) => fixed(dec(v).negated(), digits);
  return {
    ...invoice,
    invoiceNumber: number,
    kind: 'CREDIT_NOTE',
    correctsInvoiceNumber: invoice.invoiceNumber,
    reason,
    lines: invoice.lines.map((l) => ({
      ...l,
      exclVat: neg(l.exclVat),
      vat: neg(l.vat),
      inclVat: neg(l.inclVat),
    })),
    vatBreakdown: invoice.vatBreakdown.map((r) => ({ rate: r.rate, base: neg(r.base), vat: neg(r.vat) })),
    totalExclVat: neg(invoice.totalExclVat),
    totalVat: neg(invoice.totalVat),
    totalInclVat: neg(invoice.totalInclVat),
    eftData: [],
    issuedAt,
  };
}
