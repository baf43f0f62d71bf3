import type { OcppVersion } from '@tapcharge/ocpp';

export class ChargerCallError extends Error {
  constructor(
    readonly kind: 'TIMEOUT' | 'CALLERROR' | 'OFFLINE' | 'ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'ChargerCallError';
  }
}

/** The sockets this instance holds. */
export interface ChargerLink {
  /** The protocol of the local connection to `stationId`, or undefined when this instance does not hold it. */
  localProtocol(stationId: string): OcppVersion | undefined;
  /** Sends a CALL and resolves with the CALLRESULT payload; rejects with ChargerCallError. */
  call(
    stationId: string,
    action: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown>;
  /**
   * Closes the local connection of `stationId` if it was opened no later than `openedBy` (a newer
   * connection of the station exists elsewhere). Its close is not announced as the station going
   * offline. Resolves true when a connection was closed.
   */
  release(stationId: string, openedBy: Date, reason: string): Promise<boolean>;
}
