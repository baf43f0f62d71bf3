import type { Cdr, PagingQuery, Session } from '@tapcharge/ocpi';
import type { Party } from '../../domain/party';

export interface StoredSession {
  sessionId: string;
  ptp: Party;
  session: Session;
  lastUpdated: string;
  /** Our session state name, e.g. COMPLETED (from the session engine). */
  state: string;
}

export interface StoredCdr {
  cdrId: string;
  sessionId: string;
  ptp: Party;
  cdr: Cdr;
  lastUpdated: string;
}

/** The Sessions and CDRs as served to each PTP (GET with paging). */
export interface SessionStore {
  /** Stores the session unless a newer version is stored; returns whether it was applied. */
  upsertSession(s: StoredSession): Promise<boolean>;
  findSession(sessionId: string): Promise<StoredSession | undefined>;
  pageSessions(ptp: Party, q: PagingQuery, limit: number): Promise<{ items: Session[]; total: number }>;
  /** Inserts a CDR once (by id); returns false when it was already stored. */
  insertCdr(c: StoredCdr): Promise<boolean>;
  pageCdrs(ptp: Party, q: PagingQuery, limit: number): Promise<{ items: Cdr[]; total: number }>;
}
