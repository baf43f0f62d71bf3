import type { TransactionRecord, TransactionStore } from '../ports/transaction-store.port';

/**
 * Recent transactions in memory, so MeterValues (the hot path: up to thousands per second) never wait
 * for the document store. A miss falls back to the store once (after a restart or a reconnect to
 * another instance). Bounded: the oldest entries go first.
 */
export class TransactionCache {
  private readonly entries = new Map<string, TransactionRecord>();
  /** station|evse -> the newest transaction started there (1.6 MeterValues may omit the transactionId). */
  private readonly latestOn = new Map<string, TransactionRecord>();

  constructor(
    private readonly store: TransactionStore,
    private readonly capacity = 100_000,
  ) {}

  put(record: TransactionRecord): void {
    const key = `${record.stationId}|${record.transactionId}`;
    this.entries.delete(key);
    this.entries.set(key, record);
    const on = `${record.stationId}|${record.ocppEvseId}`;
    const latest = this.latestOn.get(on);
    if (!latest || latest.startedAt <= record.startedAt) this.latestOn.set(on, record);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      const evicted = oldest === undefined ? undefined : this.entries.get(oldest);
      if (oldest !== undefined) this.entries.delete(oldest);
      if (evicted && this.latestOn.get(`${evicted.stationId}|${evicted.ocppEvseId}`) === evicted) {
        this.latestOn.delete(`${evicted.stationId}|${evicted.ocppEvseId}`);
      }
    }
  }

  async get(stationId: string, transactionId: string): Promise<TransactionRecord | undefined> {
    const hit = this.entries.get(`${stationId}|${transactionId}`);
    if (hit) return hit;
    const stored = await this.store.find(stationId, transactionId);
    if (stored) this.put(stored);
    return stored;
  }

  /** The open transaction on a connector (1.6 MeterValues without transactionId). */
  openOn(stationId: string, ocppEvseId: number): TransactionRecord | undefined {
    const latest = this.latestOn.get(`${stationId}|${ocppEvseId}`);
    return latest && !latest.stoppedAt ? latest : undefined;
  }
}
