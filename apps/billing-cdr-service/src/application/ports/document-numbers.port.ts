import type { DocumentSeries } from '../../domain/invoice/document-number';

/** A sequence number claimed for one document key; `filled` once the document holding it is stored. */
export interface Reservation {
  key: string;
  sequence: number;
  reservedAt: string;
  filled: boolean;
}

/** Gap-free sequential numbers per series, reserved per document key (see ADR 0007). */
export interface DocumentNumbers {
  /** The number reserved for `key`: the same one on every retry and for a concurrent issuer. */
  reserve(series: DocumentSeries, key: string, now: Date): Promise<Reservation>;
  /** Records that the document holding the number of `key` is stored. Idempotent. */
  markFilled(series: DocumentSeries, key: string, now: Date): Promise<void>;
  /** Reservations whose document was never stored (a crash between reserve and fill), for recovery. */
  unfilled(series: DocumentSeries): Promise<Reservation[]>;
}
