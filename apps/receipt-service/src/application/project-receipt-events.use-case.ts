import type { Logger } from '@tapcharge/logging';
import { applyReceiptInput } from '../domain/receipt.reducer';
import type { LiveUpdatesHub } from './live-updates.hub';
import { ReceiptConflictError, type ReceiptRepository } from './ports/receipt-repository.port';
import type { ReceiptEvent } from './receipt-event.mapper';

const MAX_CONFLICT_RETRIES = 5;

/**
 * Folds a batch of receipt events into the store: one load and at most one write per reference per batch
 * (FerretDB v1 manages ~200 writes/s, DESIGN.md §4), idempotent on event id (the document remembers the
 * ids it applied), and a concurrent writer (another replica) makes it reload and re-apply.
 */
export class ProjectReceiptEventsUseCase {
  constructor(
    private readonly repository: ReceiptRepository,
    private readonly hub: LiveUpdatesHub,
    private readonly logger: Logger,
  ) {}

  async execute(events: readonly ReceiptEvent[]): Promise<void> {
    const byReference = new Map<string, ReceiptEvent[]>();
    for (const e of events) {
      const list = byReference.get(e.reference) ?? [];
      list.push(e);
      byReference.set(e.reference, list);
    }
    for (const [reference, list] of byReference) await this.projectOne(reference, list);
  }

  private async projectOne(reference: string, events: ReceiptEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.repository.load(reference);
      const seen = new Set(stored?.processedEventIds ?? []);
      let state = stored?.state;
      let changed = false;
      const applied: string[] = [];
      for (const e of events) {
        if (seen.has(e.eventId)) continue;
        seen.add(e.eventId);
        applied.push(e.eventId);
        const next = applyReceiptInput(state, reference, e.input);
        if (next !== state) changed = true;
        state = next;
      }
      // Nothing new, or only stale facts (an old SessionUpdated after a newer one): no write needed.
      if (!changed || !state) return;
      try {
        await this.repository.save(
          state,
          [...(stored?.processedEventIds ?? []), ...applied],
          stored?.version ?? 0,
        );
        this.hub.publish(state);
        return;
      } catch (err) {
        if (!(err instanceof ReceiptConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw err;
        this.logger.debug(
          { authorization_reference: reference, attempt },
          'receipt written concurrently; retrying',
        );
      }
    }
  }
}
