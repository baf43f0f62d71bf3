import type { BillingRecord } from '../../domain/billing/billing-record';
import { BillingError } from '../../domain/billing.errors';
import type { InvoiceDocument } from '../../domain/invoice/invoice.types';
import type { BillingRepository } from '../ports/billing-repository.port';

export interface CdrView {
  authorizationReference: string;
  ptp: string;
  sessionId?: string;
  cdr: Record<string, unknown>;
  capped: boolean;
}

export interface InvoiceView {
  authorizationReference: string;
  invoice: InvoiceDocument;
  creditNotes: InvoiceDocument[];
}

/** Operators' look-ups by authorization_reference (optionally narrowed to a PTP party "CC-PID"). */
export class FindBillingUseCase {
  constructor(private readonly repository: BillingRepository) {}

  async cdr(authorizationReference: string, party?: string): Promise<CdrView> {
    const r = await this.one(authorizationReference, party);
    if (!r.cdr) throw new BillingError('BILLING.NOT_FOUND', `no CDR for ${authorizationReference} yet`);
    return {
      authorizationReference: r.authorizationReference,
      ptp: `${r.ptp.countryCode}-${r.ptp.partyId}`,
      ...(r.sessionId ? { sessionId: r.sessionId } : {}),
      cdr: JSON.parse(r.cdr.json) as Record<string, unknown>,
      capped: r.cdr.capped,
    };
  }

  async invoice(authorizationReference: string, party?: string): Promise<InvoiceView> {
    const r = await this.one(authorizationReference, party);
    if (!r.invoice)
      throw new BillingError('BILLING.NOT_FOUND', `no invoice for ${authorizationReference} yet`);
    return {
      authorizationReference: r.authorizationReference,
      invoice: r.invoice,
      creditNotes: r.creditNotes,
    };
  }

  private async one(authorizationReference: string, party?: string): Promise<BillingRecord> {
    const all = await this.repository.byAuthorizationReference(authorizationReference);
    const matching = party
      ? all.filter((r) => `${r.ptp.countryCode}-${r.ptp.partyId}`.toUpperCase() === party.toUpperCase())
      : all;
    if (matching.length === 0)
      throw new BillingError('BILLING.NOT_FOUND', `nothing billed for ${authorizationReference}`);
    if (matching.length > 1) {
      throw new BillingError(
        'BILLING.AMBIGUOUS_REFERENCE',
        `${authorizationReference} is used by several PTPs (${matching.map((r) => `${r.ptp.countryCode}-${r.ptp.partyId}`).join(', ')}); add ?party=CC-PID`,
      );
    }
    return matching[0] as BillingRecord;
  }
}
