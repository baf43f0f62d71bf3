import type { InvoiceIssuedPayload } from '@tapcharge/contracts';

/** An issued invoice or credit note: immutable once issued (corrections by credit note only). */
export type InvoiceDocument = InvoiceIssuedPayload;

export interface Seller {
  name: string;
  address: string;
  vatNumber: string;
}
