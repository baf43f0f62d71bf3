/** Which gateway instance holds which station's socket (for OFFLINE answers across instances). */
export interface StationPresence {
  connected(stationId: string): void;
  disconnected(stationId: string): void;
  /** The instance holding the station, if that instance is alive. */
  ownerOf(stationId: string): Promise<string | undefined>;
}
