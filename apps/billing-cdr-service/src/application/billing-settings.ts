import type { PartyRef } from '@tapcharge/contracts';
import type { Seller } from '../domain/invoice/invoice.types';

/** The service's settings the use cases need (from config.ts). */
export interface BillingSettings {
  /** Our party: the CPO on CDRs, the numbering series owner. */
  cpo: PartyRef;
  seller: Seller;
  invoiceCreator: 'CPO' | 'PTP';
  confirmationDeadlineHours: number;
  /** IANA zone of the reconciliation day. */
  reportTimeZone: string;
}

export const PRODUCER = 'billing-cdr-service';

/** YYYY-MM-DD of an instant in a time zone. */
export function calendarDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
