import type { OcppVersion } from '@tapcharge/ocpp';

/** What the gateway remembers of a transaction so that later frames map to the same session. */
export interface TransactionRecord {
  stationId: string;
  transactionId: string;
  protocol: OcppVersion;
  ocppEvseId: number;
  ocppConnectorId: number;
  idTag?: string;
  sessionId?: string;
  correlationId?: string;
  authorizationReference?: string;
  meterStartWh: number;
  startedAt: string;
  /** 1.6 idempotency key: a retried StartTransaction (new messageId, same content) gets the same id. */
  startKey?: string;
  stoppedAt?: string;
}

export interface TransactionStore {
  /**
   * 1.6: returns the transaction already recorded under `record.startKey`, or allocates the next integer
   * transactionId and records it. `created` tells the two apart.
   */
  startOrReplay16(
    record: Omit<TransactionRecord, 'transactionId'>,
  ): Promise<{ record: TransactionRecord; created: boolean }>;
  /** 2.0.1: records a station-generated transaction once; a replay returns the existing record. */
  record201(record: TransactionRecord): Promise<{ record: TransactionRecord; created: boolean }>;
  find(stationId: string, transactionId: string): Promise<TransactionRecord | undefined>;
  markStopped(stationId: string, transactionId: string, stoppedAt: string): Promise<void>;
}
