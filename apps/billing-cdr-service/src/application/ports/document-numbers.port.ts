import type { DocumentSeries } from '../../domain/invoice/document-number';
import type { Reservation } from '../../domain/invoice/number-reservation';

/** Gap-free sequential numbers per series, reserved per document key (see ADR 0007). */
export interface DocumentNumbers {
  /** The number reserved for `key` (the same one on every retry until released). */
  reserve(series: DocumentSeries, key: string, now: Date): Promise<Reservation>;
  /** Forgets the reservation once the document holding the number is stored. Idempotent. */
  release(series: DocumentSeries, key: string): Promise<void>;
  /** Reservations not released yet (a crash between reserve and store), for the recovery pass. */
  pending(series: DocumentSeries): Promise<Reservation[]>;
}
