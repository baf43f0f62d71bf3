import type { PushItem } from '../../domain/push-item';

/** Per-key state kept beside the queue (e.g. whether a session's first PUT was queued). */
export type QueueState = Record<string, unknown>;

export interface PushQueueDoc {
  key: string;
  peerId: string | undefined;
  /** The party the pushes are for; the peer is resolved at send time (it may re-register). */
  partyKey: string;
  items: PushItem[];
  state: QueueState;
  rev: number;
}

export interface EnqueueDecision {
  items: PushItem[];
  state: QueueState;
  /** Replace the queued items not yet attempted (coalescing); default: append. */
  replacePending?: (pending: PushItem[]) => PushItem[];
}

/**
 * A durable, ordered queue of HTTP pushes per key (a session, an EVSE of a peer...), in one document per
 * key: the enqueue is atomic with the key's state and idempotent on the causing event id.
 */
export interface PushQueue {
  enqueue(
    key: string,
    partyKey: string,
    causeId: string,
    decide: (state: QueueState, pending: readonly PushItem[]) => EnqueueDecision | undefined,
  ): Promise<void>;
  /** Leases up to `limit` keys whose head item is due; a lease hides them from other workers. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<PushQueueDoc[]>;
  /** Removes the delivered head item; releases the lease when `release` (the worker's last item). */
  complete(key: string, itemId: string, release: boolean): Promise<void>;
  /** Records a failed attempt on the head item; drops it when `drop`; schedules the next try. */
  fail(key: string, itemId: string, error: string, nextAttemptAt: Date, drop: boolean): Promise<void>;
  /** Replaces the head item (e.g. a rejected PATCH by a full PUT). */
  replaceHead(key: string, itemId: string, replacement: PushItem): Promise<void>;
  pendingCount(): Promise<number>;
  /** Every key with undelivered items: its party and how many items wait. */
  pendingByKey(): Promise<Array<{ key: string; partyKey: string; items: number }>>;
}
