import { onCreditNoteRequested } from '../../domain/billing/billing.decider';
import { BillingError } from '../../domain/billing.errors';
import type { InvoiceDocument } from '../../domain/invoice/invoice.types';
import type { BillingSettings } from '../billing-settings';
import { decideContext } from '../decide-context';
import type { IssueDocumentsUseCase } from '../issue-documents/issue-documents.use-case';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';
import { mutateRecord } from '../record-mutator';

export interface IssueCreditNoteCommand {
  invoiceNumber: string;
  reason: string;
}

/**
 * Corrects an issued invoice: the invoice stays as it is, a CREDIT_NOTE with its own number reverses it
 * (published as InvoiceIssued kind CREDIT_NOTE). One credit note per invoice.
 */
export class IssueCreditNoteUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly documents: IssueDocumentsUseCase,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: IssueCreditNoteCommand): Promise<InvoiceDocument> {
    const reason = cmd.reason.trim();
    if (reason.length === 0 || reason.length > 255) {
      throw new BillingError('BILLING.INVALID_REQUEST', 'reason: 1 to 255 characters required');
    }
    const found = await this.repository.byInvoiceNumber(cmd.invoiceNumber);
    if (!found || found.invoice?.invoiceNumber !== cmd.invoiceNumber) {
      throw new BillingError('BILLING.NOT_FOUND', `no invoice ${cmd.invoiceNumber}`);
    }
    await mutateRecord(this.repository, found.key, (stored) => {
      if (!stored) return undefined;
      const record = onCreditNoteRequested(
        stored.record,
        reason,
        decideContext(this.settings, this.clock.now()),
      );
      return { record, commit: { events: [] } };
    });
    const issued = await this.documents.issue(found.key);
    if (!issued) throw new BillingError('BILLING.DOCUMENT_PENDING', 'credit note not issued yet; retry');
    return issued;
  }
}
