import type { EventEnvelope } from '@tapcharge/contracts';
import type { BillingRecord } from '../../domain/billing/billing-record';

export interface StoredRecord {
  record: BillingRecord;
  version: number;
  processedEventIds: readonly string[];
  /** Events of an earlier change not (known to be) published yet: kept in the outbox by the next commit. */
  unsentEvents: readonly EventEnvelope[];
}

export interface CommitOptions {
  /** The event this change handles: remembered so a redelivery changes nothing. */
  handledEventId?: string;
  /** Outgoing events, written with the change (outbox) and published after it. */
  events: readonly EventEnvelope[];
}

/** Billing records: one document each, version-guarded writes with their outbox (DESIGN.md §4). */
export interface BillingRepository {
  load(key: string): Promise<StoredRecord | undefined>;
  /**
   * Runs `work` alone among this process's writers of `key`. The version guard of `commit` is what keeps
   * writers apart on MongoDB; FerretDB v1 does not apply conditional writes atomically (ADR 0007), so
   * writers of one record inside an instance are also serialised here.
   */
  serialize<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Atomically stores the record, the handled event id and the outgoing events if nobody wrote since
   * `previous` was loaded (undefined = new record), then publishes the events. Throws ConcurrencyConflict otherwise.
   */
  commit(record: BillingRecord, previous: StoredRecord | undefined, opts: CommitOptions): Promise<void>;
  /** The record holding an invoice with this number. */
  byAuthorizationReference(authorizationReference: string): Promise<BillingRecord[]>;
  byInvoiceNumber(invoiceNumber: string): Promise<BillingRecord | undefined>;
  byBusinessDate(date: string): Promise<BillingRecord[]>;
  /** Keys of records whose confirmation deadline passed. */
  confirmationDue(nowMs: number, limit: number): Promise<string[]>;
  /** Keys of records with a document waiting to be numbered since before `beforeMs`. */
  documentsDue(beforeMs: number, limit: number): Promise<string[]>;
}

export class ConcurrencyConflict extends Error {
  constructor(readonly key: string) {
    super(`billing record ${key} changed concurrently`);
    this.name = 'ConcurrencyConflict';
  }
}
