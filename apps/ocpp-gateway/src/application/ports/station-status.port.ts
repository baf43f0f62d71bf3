import type { OcppVersion } from '@tapcharge/ocpp';

/** What a station said about itself in its BootNotification (OCPP 1.6 §6.4 / 2.0.1 B01). */
export interface BootFacts {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
  bootedAt: Date;
}

/** Facts the gateway records about a station as its frames arrive (for the operator's station list). */
export interface StationStatusRecorder {
  booted(stationId: string, facts: BootFacts): void;
  /** A frame arrived from the station (any action). */
  seen(stationId: string, at: Date): void;
}

/** A station's connection state and last known facts, across all gateway instances. */
export interface StationRuntime {
  connected: boolean;
  gatewayInstance?: string;
  /** The subprotocol of the station's latest connection. */
  protocol?: OcppVersion;
  lastSeenAt?: Date;
  vendor?: string;
  model?: string;
  firmwareVersion?: string;
}

export interface StationStatusReader {
  runtimeOf(stationIds?: readonly string[]): Promise<Map<string, StationRuntime>>;
}
