import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { BillingMetrics } from '../application/ports/billing-metrics.port';

/** Prometheus counters: CDRs (capped or not), confirmations by status, documents by kind, mismatches by kind. */
export class PromBillingMetrics implements BillingMetrics {
  readonly registry = new Registry();
  private readonly cdrs: Counter<'capped'>;
  private readonly confirmations: Counter<'status'>;
  private readonly documents: Counter<'kind'>;
  private readonly mismatches: Counter<'kind'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const counter = <L extends string>(name: string, help: string, label: L) =>
      new Counter<L>({ name, help, labelNames: [label], registers: [this.registry] });
    this.cdrs = counter(
      'billing_cdrs_created_total',
      'CDRs created, by whether the total was capped',
      'capped',
    );
    this.confirmations = counter(
      'billing_payment_confirmations_total',
      'FACs recorded, by capture status',
      'status',
    );
    this.documents = counter('billing_documents_issued_total', 'Invoices and credit notes issued', 'kind');
    this.mismatches = counter(
      'billing_reconciliation_mismatches_total',
      'Mismatches raised, by kind',
      'kind',
    );
  }

  cdrCreated(capped: boolean): void {
    this.cdrs.inc({ capped: String(capped) });
  }

  confirmation(status: string): void {
    this.confirmations.inc({ status });
  }

  documentIssued(kind: 'INVOICE' | 'CREDIT_NOTE'): void {
    this.documents.inc({ kind });
  }

  mismatch(kind: string): void {
    this.mismatches.inc({ kind });
  }
}
