import type { ReceiptState } from '../domain/receipt';

export type ReceiptListener = (state: ReceiptState) => void;

/**
 * In-process fan-out from the event projection to open live pages (SSE streams), keyed by reference.
 * Only this instance's projection feeds it; streams also re-read the store periodically, so a page served by
 * another replica than the one consuming its partition still catches up (ADR 0008).
 */
export class LiveUpdatesHub {
  private readonly listeners = new Map<string, Set<ReceiptListener>>();

  subscribe(reference: string, listener: ReceiptListener): () => void {
    let set = this.listeners.get(reference);
    if (!set) {
      set = new Set();
      this.listeners.set(reference, set);
    }
    set.add(listener);
    return () => {
      const s = this.listeners.get(reference);
      if (!s) return;
      s.delete(listener);
      if (s.size === 0) this.listeners.delete(reference);
    };
  }

  publish(state: ReceiptState): void {
    const set = this.listeners.get(state.authorizationReference);
    if (!set) return;
    for (const listener of [...set]) listener(state);
  }

  /** Open streams, for metrics. */
  get subscriberCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
