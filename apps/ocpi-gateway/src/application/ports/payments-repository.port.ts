import type { EventEnvelope } from '@tapcharge/contracts';
import type { FinancialAdviceConfirmation, PagingQuery, Terminal } from '@tapcharge/ocpi';
import type { Party } from '../../domain/party';

export interface StoredTerminal {
  ptp: Party;
  terminal: Terminal;
  /** Set when we asked the PTP to deactivate it; cleared when the PTP creates it again. */
  deactivatedAt?: string;
}

export interface StoredFac {
  ptp: Party;
  fac: FinancialAdviceConfirmation;
  event: EventEnvelope | undefined;
  published: boolean;
}

export interface PaymentsRepository {
  /** Creates or replaces; returns whether it was new. */
  saveTerminal(t: StoredTerminal): Promise<{ created: boolean }>;
  findTerminal(ptp: Party, terminalId: string): Promise<StoredTerminal | undefined>;
  /** Every terminal of every PTP (operator view). */
  listTerminals(): Promise<StoredTerminal[]>;
  pageTerminals(ptp: Party, q: PagingQuery, limit: number): Promise<{ items: Terminal[]; total: number }>;
  pageFacs(
    ptp: Party,
    q: PagingQuery,
    limit: number,
  ): Promise<{ items: FinancialAdviceConfirmation[]; total: number }>;
  /** Inserts a FAC once; returns the stored one when the id is already known. */
  insertFac(f: StoredFac): Promise<{ inserted: boolean; stored: StoredFac }>;
  findFac(ptp: Party, id: string): Promise<StoredFac | undefined>;
  markFacPublished(ptp: Party, id: string): Promise<void>;
  unpublishedFacs(limit: number): Promise<StoredFac[]>;
}
