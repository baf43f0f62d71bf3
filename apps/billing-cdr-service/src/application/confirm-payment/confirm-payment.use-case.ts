import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { sessionLogger, type Logger } from '@tapcharge/logging';
import { onPaymentConfirmed, type Decision } from '../../domain/billing/billing.decider';
import { billingKey, newBillingRecord } from '../../domain/billing/billing-record';
import { mismatchEvent } from '../billing-events';
import type { BillingSettings } from '../billing-settings';
import { decideContext } from '../decide-context';
import type { IssueDocumentsUseCase } from '../issue-documents/issue-documents.use-case';
import type { BillingMetrics } from '../ports/billing-metrics.port';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';
import { mutateRecord } from '../record-mutator';

/**
 * PaymentConfirmed (the PTP's FAC) -> matched by authorization_reference; before its CDR it waits in the
 * record; duplicates (same event or same FAC id) change nothing; then the invoice is issued when due.
 */
export class ConfirmPaymentUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly documents: IssueDocumentsUseCase,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
    private readonly metrics: BillingMetrics,
    private readonly logger: Logger,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.PaymentConfirmed>): Promise<void> {
    const p = event.payload;
    const log = sessionLogger(this.logger, {
      authorizationReference: p.authorizationReference,
      correlationId: event.correlationId,
    });
    const key = billingKey(p.ptp, p.authorizationReference);
    let decision: Decision | undefined;
    const record = await mutateRecord(
      this.repository,
      key,
      (stored) => {
        decision = undefined;
        if (stored?.processedEventIds.includes(event.eventId)) return undefined;
        const base = stored?.record ?? newBillingRecord(p.ptp, p.authorizationReference, event.correlationId);
        const d = onPaymentConfirmed(base, p, event.eventId, decideContext(this.settings, this.clock.now()));
        if (d.unchanged) return undefined;
        decision = d;
        return {
          record: d.record,
          commit: {
            handledEventId: event.eventId,
            events: d.mismatches.map((m) => mismatchEvent(d.record, m)),
          },
        };
      },
      log,
    );
    if (!decision || !record) {
      log.info({ fac_id: p.facId }, 'payment confirmation already recorded');
      return;
    }
    const d: Decision = decision;
    this.metrics.confirmation(p.captureStatus);
    log.info(
      {
        fac_id: p.facId,
        capture_status: p.captureStatus,
        captured_incl_vat: p.captured.inclVat,
        waiting_for_cdr: !record.cdr && record.notBilledReason === undefined,
      },
      'payment confirmation recorded',
    );
    for (const m of d.mismatches) {
      this.metrics.mismatch(m.kind);
      log.warn({ kind: m.kind, detail: m.detail }, 'reconciliation mismatch');
    }
    if (record.pendingDocument) await this.documents.issue(key);
  }
}
