/** When pushes to each peer last went through (operator view: `last_push_ok_at`). */
export interface PushStats {
  delivered(peerId: string, at: Date): void;
  /** Peer id -> DateTime of the last delivered push. */
  lastDelivered(): Promise<Map<string, string>>;
}
