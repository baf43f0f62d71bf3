/** Where a push goes: a module endpoint of the peer (+ path below it), or an absolute URL (response_url). */
export type PushTarget =
  { module: 'sessions' | 'cdrs' | 'locations' | 'payments-terminals'; path: string } | { url: string };

export type PushKind = 'session' | 'cdr' | 'command-result' | 'evse-status' | 'terminal';

/** One HTTP call the gateway owes a peer; kept in a durable per-key queue and sent in order. */
export interface PushItem {
  id: string;
  kind: PushKind;
  method: 'PUT' | 'PATCH' | 'POST';
  target: PushTarget;
  /** JSON body. Stored as a string: FerretDB v1 refuses some nested shapes, a string never trips. */
  body: string;
  attempts: number;
  /** null = retry until delivered (CDRs are never dropped). */
  maxAttempts: number | null;
  createdAt: string;
  lastError?: string;
}

/** Retry policy per kind: CDRs and session pushes are never given up; command results, statuses and session updates (superseded by later ones) are. */
export const MAX_ATTEMPTS: Record<PushKind, number | null> = {
  cdr: null,
  session: 30,
  'command-result': 8,
  'evse-status': 10,
  terminal: 20,
};
