import type { ReceiptState } from '../../domain/receipt';

export interface StoredReceipt {
  state: ReceiptState;
  version: number;
  /** Ids of the events already folded in (bounded): redelivery after a crash is a no-op. */
  processedEventIds: string[];
}

/** One document per authorization_reference. */
export interface ReceiptRepository {
  load(reference: string): Promise<StoredReceipt | undefined>;
  /** Atomic replace guarded by `expectedVersion` (0 = create); throws ReceiptConflictError if it moved. */
  save(state: ReceiptState, processedEventIds: string[], expectedVersion: number): Promise<void>;
  ping(): Promise<boolean>;
}

export class ReceiptConflictError extends Error {
  readonly code = 'RECEIPT.CONCURRENT_WRITE';
  constructor(reference: string) {
    super(`receipt ${reference} was written concurrently`);
    this.name = 'ReceiptConflictError';
  }
}
