/** Sends the TariffChanged a tariff's document still holds, then clears it there. */
export interface TariffChangePublisher {
  /**
   * Publishes the tariff's pending event, if any. Rejects when the broker did not acknowledge it; the event
   * then stays in the document and a later `flush` or the periodic recovery sends it.
   */
  flush(tariffId: string): Promise<void>;
}
