/** A remote start we sent, waiting for the charger's StartTransaction / TransactionEvent(Started). */
export interface PendingRemoteStart {
  stationId: string;
  remoteStartId: number;
  idTag: string;
  ocppEvseId: number;
  ocppConnectorId: number;
  sessionId?: string;
  commandId: string;
  correlationId: string;
  authorizationReference?: string;
  requestedAt: string;
}

export interface RemoteStartRegistry {
  remember(start: PendingRemoteStart): Promise<void>;
  /**
   * The pending start a charger's transaction answers: 2.0.1 by the echoed remoteStartId (exact), 1.6 by
   * idTag (+ connector when the charger names one), newest first. Not consumed: idTags are issued per
   * payment session, and a retried StartTransaction must find the same match.
   */
  match(query: {
    stationId: string;
    remoteStartId?: number;
    idTag?: string;
    ocppEvseId?: number;
  }): Promise<PendingRemoteStart | undefined>;
}
