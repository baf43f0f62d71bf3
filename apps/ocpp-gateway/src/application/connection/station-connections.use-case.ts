import {
  createEvent,
  StationConnectionChangedV1,
  type StationConnectionChangedPayload,
} from '@tapcharge/contracts';
import type { OcppVersion } from '@tapcharge/ocpp';
import type { Logger } from '@tapcharge/logging';
import type { ChargerLink } from '../ports/charger-link.port';
import type { EventSink } from '../ports/event-sink.port';
import type { StationPresence } from '../ports/station-presence.port';

/**
 * A charger's socket came up or went down: presence registry + StationConnectionChanged. Across
 * instances the newer connection wins, as it does within one (ocpp-ws-io evicts the older socket): an
 * instance that learns (from StationConnectionChanged) that a station it holds connected to another
 * instance later closes its own, older socket.
 */
export class StationConnections {
  constructor(
    private readonly deps: {
      sink: EventSink;
      presence: StationPresence;
      producer: string;
      instanceId: string;
      log: Logger;
      link?: ChargerLink;
    },
  ) {}

  /** Set once the OCPP listener exists (it is built with this use case). */
  attach(link: ChargerLink): void {
    this.deps.link = link;
  }

  connected(stationId: string, protocol: OcppVersion, at: Date): Promise<void> {
    this.deps.presence.connected(stationId, protocol, at);
    return this.publish(stationId, true, protocol, at);
  }

  /**
   * `replaced`: a newer connection of the same station already took over (here or on another instance).
   * Then the station is still connected: nothing to announce.
   */
  async disconnected(
    stationId: string,
    protocol: OcppVersion,
    at: Date,
    reason: string,
    replaced: boolean,
  ): Promise<void> {
    if (replaced) return;
    this.deps.presence.disconnected(stationId, at);
    await this.publish(stationId, false, protocol, at, reason);
  }

  /** Another instance announced a connection: if it is newer than ours, ours gives way. */
  async changedElsewhere(change: StationConnectionChangedPayload): Promise<void> {
    if (!change.connected || change.gatewayInstance === this.deps.instanceId) return;
    const released = await this.deps.link?.release(
      change.stationId,
      new Date(change.at),
      `taken over by ${change.gatewayInstance}`.slice(0, 120),
    );
    if (released) {
      this.deps.log.info(
        { station_id: change.stationId, to: change.gatewayInstance },
        'station reconnected to another instance: older connection closed here',
      );
    }
  }

  private async publish(
    stationId: string,
    connected: boolean,
    protocol: OcppVersion,
    at: Date,
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
            at: at.toISOString(),
          },
          { producer: this.deps.producer },
        ),
      ]);
    } catch (err) {
      this.deps.log.error({ err, station_id: stationId }, 'could not publish StationConnectionChanged');
    }
  }
}
