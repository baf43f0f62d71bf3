/** What billing counts (Prometheus in production, a no-op in tests). */
export interface BillingMetrics {
  cdrCreated(capped: boolean): void;
  confirmation(status: string): void;
  documentIssued(kind: 'INVOICE' | 'CREDIT_NOTE'): void;
  mismatch(kind: string): void;
}

export const NO_METRICS: BillingMetrics = {
  cdrCreated: () => undefined,
  confirmation: () => undefined,
  documentIssued: () => undefined,
  mismatch: () => undefined,
};
