import { createEvent, StationConnectionChangedV1 } from '@tapcharge/contracts';
import type { OcppVersion } from '@tapcharge/ocpp';
import type { Logger } from '@tapcharge/logging';
import type { Clock } from '../ports/clock.port';
import type { EventSink } from '../ports/event-sink.port';
import type { StationPresence } from '../ports/station-presence.port';

/** A charger's socket came up or went down on this instance: presence registry + StationConnectionChanged. */
export class StationConnections {
  constructor(
    private readonly deps: {
      sink: EventSink;
      presence: StationPresence;
      clock: Clock;
      producer: string;
      instanceId: string;
      log: Logger;
    },
  ) {}

  connected(stationId: string, protocol: OcppVersion): Promise<void> {
    this.deps.presence.connected(stationId);
    return this.publish(stationId, true, protocol);
  }

  /**
   * `replaced`: a newer connection of the same station already took over (the newer wins, ocpp-ws-io
   * evicts the older). Then the station is still connected: nothing to announce.
   */
  async disconnected(
    stationId: string,
    protocol: OcppVersion,
    reason: string,
    replaced: boolean,
  ): Promise<void> {
    if (replaced) return;
    this.deps.presence.disconnected(stationId);
    await this.publish(stationId, false, protocol, reason);
  }

  private async publish(
    stationId: string,
    connected: boolean,
    protocol: OcppVersion,
    reason?: string,
  ): Promise<void> {
    try {
      await this.deps.sink.publish([
        createEvent(
          StationConnectionChangedV1,
          {
            stationId,
            connected,
            protocol,
            gatewayInstance: this.deps.instanceId,
            ...(reason ? { reason: reason.slice(0, 200) } : {}),
            at: this.deps.clock.now().toISOString(),
          },
          { producer: this.deps.producer },
        ),
      ]);
    } catch (err) {
      this.deps.log.error({ err, station_id: stationId }, 'could not publish StationConnectionChanged');
    }
  }
}
