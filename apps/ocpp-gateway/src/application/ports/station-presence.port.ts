import type { OcppVersion } from '@tapcharge/ocpp';

/**
 * Which gateway instance holds which station's socket (shared by all instances, written behind): who
 * answers a command, and who answers OFFLINE when nobody holds the station.
 */
export interface StationPresence {
  connected(stationId: string, protocol: OcppVersion, at: Date): void;
  disconnected(stationId: string, at: Date): void;
  /** The instance holding the station, if that instance is alive. */
  ownerOf(stationId: string): Promise<string | undefined>;
  /**
   * Claims the one answer to a command that no instance can deliver (OFFLINE). True for the first
   * instance that asks; every other instance gets false and stays silent.
   */
  claimAnswer(commandId: string): Promise<boolean>;
}
