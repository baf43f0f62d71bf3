import type { PartyRef } from '@tapcharge/contracts';

/** Invoices and credit notes are numbered in two series per CPO, each without gaps. */
export type DocumentSeries = 'INV' | 'CN';

/** The counter document of one series of one CPO (the party we invoice as). */
export function seriesKey(cpo: PartyRef, series: DocumentSeries): string {
  return `${series}:${cpo.countryCode}${cpo.partyId}`;
}

/** `NLTPC-INV-00000042`: party, series, 8-digit sequence (CiString(39) like OCPI invoice references). */
export function formatDocumentNumber(cpo: PartyRef, series: DocumentSeries, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  return `${cpo.countryCode}${cpo.partyId}-${series}-${String(sequence).padStart(8, '0')}`;
}

/** The sequence number inside a document number, or undefined when it is not one of ours. */
export function sequenceOf(documentNumber: string): number | undefined {
  const m = /^[A-Z]{2}[A-Z0-9]{3}-(INV|CN)-(\d{8,})$/.exec(documentNumber);
  return m ? Number(m[2]) : undefined;
}
