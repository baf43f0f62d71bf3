import type { Logger } from '@tapcharge/logging';
import type { BillingRecord } from '../domain/billing/billing-record';
import {
  ConcurrencyConflict,
  type BillingRepository,
  type CommitOptions,
  type StoredRecord,
} from './ports/billing-repository.port';

export interface Mutation {
  record: BillingRecord;
  commit: CommitOptions;
}

const MAX_ATTEMPTS = 8;

/**
 * Load -> decide -> version-guarded commit, again on a concurrent write (the session and the payment topics
 * are consumed independently, so both may touch one record at once). `decide` returns undefined when there
 * is nothing to write.
 */
export async function mutateRecord(
  repository: BillingRepository,
  key: string,
  decide: (stored: StoredRecord | undefined) => Mutation | undefined,
  logger?: Logger,
): Promise<BillingRecord | undefined> {
  return repository.serialize(key, () => attempts(repository, key, decide, logger));
}

async function attempts(
  repository: BillingRepository,
  key: string,
  decide: (stored: StoredRecord | undefined) => Mutation | undefined,
  logger?: Logger,
): Promise<BillingRecord | undefined> {
  for (let attempt = 1; ; attempt++) {
    const stored = await repository.load(key);
    const m = decide(stored);
    if (!m) return stored?.record;
    try {
      await repository.commit(m.record, stored, m.commit);
      return m.record;
    } catch (err) {
      if (!(err instanceof ConcurrencyConflict) || attempt >= MAX_ATTEMPTS) throw err;
      logger?.debug({ key, attempt }, 'concurrent write; deciding again');
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
    }
  }
}
