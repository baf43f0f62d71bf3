import type { EnvelopeOf, EVENTS } from '@tapcharge/contracts';
import { sessionLogger, type Logger } from '@tapcharge/logging';
import { onSessionCompleted, type Decision } from '../../domain/billing/billing.decider';
import { billingKey, newBillingRecord } from '../../domain/billing/billing-record';
import { placeholderCdrLocation } from '../../domain/cdr/cdr-location';
import { cdrCreatedEvent, mismatchEvent } from '../billing-events';
import type { BillingSettings } from '../billing-settings';
import { decideContext } from '../decide-context';
import type { IssueDocumentsUseCase } from '../issue-documents/issue-documents.use-case';
import type { BillingMetrics } from '../ports/billing-metrics.port';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';
import type { LocationDirectory } from '../ports/location-directory.port';
import { mutateRecord } from '../record-mutator';

/**
 * SessionCompleted -> the session's one CDR (CdrCreated), mismatches, and the invoice when the payment
 * confirmation came first. Idempotent: by event id, and by the record already holding its CDR.
 */
export class CompleteSessionUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly locations: LocationDirectory,
    private readonly documents: IssueDocumentsUseCase,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
    private readonly metrics: BillingMetrics,
    private readonly logger: Logger,
  ) {}

  async execute(event: EnvelopeOf<typeof EVENTS.SessionCompleted>): Promise<void> {
    const s = event.payload;
    const log = sessionLogger(this.logger, {
      authorizationReference: s.authorizationReference,
      correlationId: event.correlationId,
      sessionId: s.sessionId,
      stationId: s.connector.stationId,
    });
    const key = billingKey(s.ptp, s.authorizationReference);
    const known = this.locations.find(s.connector);
    if (!known) log.error({ connector: s.connector }, 'location not in the directory; CDR uses placeholders');
    let decision: Decision | undefined;
    const record = await mutateRecord(
      this.repository,
      key,
      (stored) => {
        decision = undefined;
        if (stored?.processedEventIds.includes(event.eventId)) return undefined;
        const base = stored?.record ?? newBillingRecord(s.ptp, s.authorizationReference, event.correlationId);
        const d = onSessionCompleted(
          base,
          s,
          {
            cpo: this.settings.cpo,
            location: known ?? placeholderCdrLocation(s.connector),
            locationKnown: known !== undefined,
            invoiceCreator: this.settings.invoiceCreator,
          },
          decideContext(this.settings, this.clock.now()),
        );
        if (d.unchanged) return undefined;
        decision = d;
        const events = [
          ...(d.cdr ? [cdrCreatedEvent(d.record, d.cdr, event)] : []),
          ...d.mismatches.map((m) => mismatchEvent(d.record, m)),
        ];
        return { record: d.record, commit: { handledEventId: event.eventId, events } };
      },
      log,
    );
    if (!decision || !record) {
      log.info('session already billed; nothing to do');
      return;
    }
    const d: Decision = decision;
    if (d.cdr) {
      this.metrics.cdrCreated(d.cdr.capped);
      log.info(
        {
          cdr_id: d.cdr.summary.id,
          total_excl_vat: d.cdr.summary.total.exclVat,
          total_incl_vat: d.cdr.summary.total.inclVat,
          limit_incl_vat: s.limitInclVat.amount,
          capped: d.cdr.capped,
        },
        'CDR created',
      );
    } else {
      log.info({ reason: record.notBilledReason }, 'session not billed');
    }
    for (const m of d.mismatches) {
      this.metrics.mismatch(m.kind);
      log.warn({ kind: m.kind, detail: m.detail }, 'reconciliation mismatch');
    }
    if (record.pendingDocument) await this.documents.issue(key);
  }
}
