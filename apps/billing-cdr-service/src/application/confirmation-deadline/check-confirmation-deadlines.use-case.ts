import { sessionLogger, type Logger } from '@tapcharge/logging';
import { onConfirmationDeadline, type Decision } from '../../domain/billing/billing.decider';
import { mismatchEvent } from '../billing-events';
import type { BillingSettings } from '../billing-settings';
import { decideContext } from '../decide-context';
import type { BillingMetrics } from '../ports/billing-metrics.port';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';
import { mutateRecord } from '../record-mutator';

/** Periodic: CDRs still unconfirmed CONFIRMATION_DEADLINE_HOURS after creation raise MISSING_CONFIRMATION once. */
export class CheckConfirmationDeadlinesUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
    private readonly metrics: BillingMetrics,
    private readonly logger: Logger,
  ) {}

  /** One pass; returns how many mismatches it raised. */
  async execute(batch = 100): Promise<number> {
    let raised = 0;
    const keys = await this.repository.confirmationDue(this.clock.now().getTime(), batch);
    for (const key of keys) {
      let decision: Decision | undefined;
      await mutateRecord(
        this.repository,
        key,
        (stored) => {
          decision = undefined;
          if (!stored) return undefined;
          const d = onConfirmationDeadline(stored.record, decideContext(this.settings, this.clock.now()));
          if (d.unchanged) return undefined;
          decision = d;
          return {
            record: d.record,
            commit: { events: d.mismatches.map((m) => mismatchEvent(d.record, m)) },
          };
        },
        this.logger,
      );
      const d = decision as Decision | undefined;
      for (const m of d?.mismatches ?? []) {
        raised += 1;
        this.metrics.mismatch(m.kind);
        sessionLogger(this.logger, {
          authorizationReference: d?.record.authorizationReference,
          correlationId: d?.record.correlationId,
          sessionId: d?.record.sessionId,
        }).warn({ kind: m.kind, detail: m.detail }, 'reconciliation mismatch');
      }
    }
    return raised;
  }
}
