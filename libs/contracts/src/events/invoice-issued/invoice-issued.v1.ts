import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, Currency, DecimalString, Instant, SessionId } from '../../primitives';

export const InvoiceLine = z.object({
  description: z.string().max(200),
  quantity: DecimalString,
  unit: z.string().max(20),
  exclVat: DecimalString,
  vatRate: DecimalString,
  vat: DecimalString,
  inclVat: DecimalString,
});

export const InvoiceIssuedPayload = z.object({
  invoiceNumber: z.string().min(1).max(39),
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']),
  /** For a credit note, the invoice it corrects. */
  correctsInvoiceNumber: z.string().max(39).optional(),
  /** For a credit note, why the invoice was corrected (operator's words). */
  reason: z.string().max(255).optional(),
  sessionId: SessionId,
  authorizationReference: AuthorizationReference,
  cdrId: z.string().max(39),
  currency: Currency,
  lines: z.array(InvoiceLine),
  vatBreakdown: z.array(z.object({ rate: DecimalString, base: DecimalString, vat: DecimalString })),
  totalExclVat: DecimalString,
  totalVat: DecimalString,
  totalInclVat: DecimalString,
  eftData: z.array(z.string().max(255)),
  seller: z.object({
    name: z.string().max(200),
    address: z.string().max(400),
    vatNumber: z.string().max(40),
  }),
  issuedAt: Instant,
});
export type InvoiceIssuedPayload = z.infer<typeof InvoiceIssuedPayload>;

export const InvoiceIssuedV1 = defineEvent({
  type: 'InvoiceIssued',
  version: 1,
  topic: topic('billing.invoice.issued.v1'),
  schema: InvoiceIssuedPayload,
  keyOf: (p) => p.sessionId,
});
