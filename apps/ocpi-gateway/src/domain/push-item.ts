/** Where a push goes: a module endpoint of the peer (+ path below it), or an absolute URL (response_url). */
export type PushTarget =
  | {
      module: 'sessions' | 'cdrs' | 'locations' | 'tariffs' | 'payments-terminals';
      path: string;
    }
  | { url: string };

export type PushKind =
  'session' | 'cdr' | 'command-result' | 'evse-status' | 'location' | 'tariff' | 'terminal';

/** One HTTP call the gateway owes a peer; kept in a durable per-key queue and sent in order. */
export interface PushItem {
  id: string;
  kind: PushKind;
  method: 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  target: PushTarget;
  /** JSON body ('' = none, e.g. DELETE). Stored as a string: FerretDB v1 refuses some nested shapes. */
  body: string;
  attempts: number;
  /** null = retry until delivered (CDRs are never dropped). */
  maxAttempts: number | null;
  createdAt: string;
  lastError?: string;
}

/**
 * Retry policy per kind: CDRs are never given up. The others are, after enough attempts to ride out a long
 * outage: command results matter only until the PTP's timeout, and statuses, Locations and Tariffs are
 * superseded by the next change (and always available by GET).
 */
export const MAX_ATTEMPTS: Record<PushKind, number | null> = {
  cdr: null,
  session: 30,
  'command-result': 8,
  'evse-status': 10,
  location: 20,
  tariff: 30,
  terminal: 20,
};
