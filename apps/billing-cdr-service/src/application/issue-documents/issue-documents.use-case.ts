import type { Logger } from '@tapcharge/logging';
import { issuePendingDocument } from '../../domain/billing/billing.decider';
import { formatDocumentNumber, type DocumentSeries } from '../../domain/invoice/document-number';
import type { InvoiceDocument } from '../../domain/invoice/invoice.types';
import { documentIssuedEvent } from '../billing-events';
import type { BillingSettings } from '../billing-settings';
import type { BillingMetrics } from '../ports/billing-metrics.port';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';
import type { DocumentNumbers } from '../ports/document-numbers.port';
import { mutateRecord } from '../record-mutator';

const SERIES: readonly DocumentSeries[] = ['INV', 'CN'];
const documentKey = (recordKey: string, series: DocumentSeries) => `${recordKey}#${series}`;
const recordKeyOf = (documentKey: string) => documentKey.slice(0, documentKey.lastIndexOf('#'));

/**
 * Gives a pending invoice or credit note its number and stores it: reserve-then-fill.
 *  1. the record already says a document is due (stored before this step);
 *  2. reserve: the next number is claimed for the document key in one unique-key insert (a retry, or a
 *     concurrent issuer, of the same key gets the same number back);
 *  3. fill: the document is built from the record with that number and stored with InvoiceIssued in its
 *     outbox, version-guarded;
 *  4. mark the claim filled.
 * A crash after 2 leaves an unfilled reservation the recovery pass completes (step 3 is deterministic from
 * the record and the reservation); after 3, one it just marks. So numbers have no gaps and no duplicates,
 * without multi-document transactions (ADR 0007).
 */
export class IssueDocumentsUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly numbers: DocumentNumbers,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
    private readonly metrics: BillingMetrics,
    private readonly logger: Logger,
  ) {}

  async issue(recordKey: string): Promise<InvoiceDocument | undefined> {
    const stored = await this.repository.load(recordKey);
    const request = stored?.record.pendingDocument;
    if (!stored || !request) return undefined;
    const series: DocumentSeries = request.kind === 'INVOICE' ? 'INV' : 'CN';
    const key = documentKey(recordKey, series);
    const reservation = await this.numbers.reserve(series, key, this.clock.now());
    const number = formatDocumentNumber(this.settings.cpo, series, reservation.sequence);
    let issued: InvoiceDocument | undefined;
    await mutateRecord(
      this.repository,
      recordKey,
      (current) => {
        issued = undefined;
        if (!current || current.record.pendingDocument?.kind !== request.kind) return undefined;
        const r = issuePendingDocument(current.record, number, reservation.reservedAt, this.settings.seller);
        issued = r.document;
        return { record: r.record, commit: { events: [documentIssuedEvent(r.record, r.document)] } };
      },
      this.logger,
    );
    if (issued || (await this.holds(recordKey, series, reservation.sequence))) {
      await this.numbers.markFilled(series, key, this.clock.now());
    } else {
      this.logger.error({ reservation, number }, 'reserved document number not used; kept for recovery');
    }
    if (issued) {
      this.metrics.documentIssued(issued.kind);
      this.logger.info(
        {
          authorization_reference: stored.record.authorizationReference,
          correlation_id: stored.record.correlationId,
          session_id: stored.record.sessionId,
          invoice_number: issued.invoiceNumber,
          kind: issued.kind,
          total_incl_vat: issued.totalInclVat,
        },
        'document issued',
      );
    }
    return issued;
  }

  /**
   * Completes what a crash interrupted: reservations never filled (issue, then mark) and records whose
   * document is due but was never numbered. Returns how many it looked at.
   */
  async recover(graceMs = 5_000): Promise<number> {
    let seen = 0;
    for (const series of SERIES) {
      for (const r of await this.numbers.unfilled(series)) {
        seen += 1;
        const recordKey = recordKeyOf(r.key);
        await this.issue(recordKey);
        if (await this.holds(recordKey, series, r.sequence)) {
          await this.numbers.markFilled(series, r.key, this.clock.now());
        }
      }
    }
    const due = await this.repository.documentsDue(this.clock.now().getTime() - graceMs, 100);
    for (const key of due) {
      seen += 1;
      await this.issue(key);
    }
    return seen;
  }

  private async holds(recordKey: string, series: DocumentSeries, sequence: number): Promise<boolean> {
    const number = formatDocumentNumber(this.settings.cpo, series, sequence);
    const r = (await this.repository.load(recordKey))?.record;
    return (
      r?.invoice?.invoiceNumber === number ||
      (r?.creditNotes.some((c) => c.invoiceNumber === number) ?? false)
    );
  }
}
