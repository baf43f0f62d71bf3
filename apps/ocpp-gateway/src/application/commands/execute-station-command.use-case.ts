import {
  createEvent,
  StationCommandCompletedV1,
  type EnvelopeOf,
  type StationCommandRequestedV1,
  type StationCommandStatus,
} from '@tapcharge/contracts';
import { callFor, outcomeOf, UnmappableCommand, type OcppCall } from '@tapcharge/ocpp';
import { sessionLogger, type Logger } from '@tapcharge/logging';
import { ChargerCallError, type ChargerLink } from '../ports/charger-link.port';
import type { Clock } from '../ports/clock.port';
import type { EventSink } from '../ports/event-sink.port';
import type { RemoteStartRegistry } from '../ports/remote-start.port';
import type { StationPresence } from '../ports/station-presence.port';

type CommandEvent = EnvelopeOf<typeof StationCommandRequestedV1>;

/** How an instance dealt with one command (every instance decides for every command). */
export type CommandRouting =
  | 'delivered' // this instance holds the socket and sent the CALL
  | 'held-elsewhere' // another live instance holds the station: it answers
  | 'offline' // nobody holds the station: this instance answered OFFLINE
  | 'offline-answered-elsewhere' // nobody holds it, and another instance already answered OFFLINE
  | 'expired'; // held here, but the command's deadline passed before delivery

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ExecuteStationCommandDeps {
  link: ChargerLink;
  presence: StationPresence;
  remoteStarts: RemoteStartRegistry;
  sink: EventSink;
  clock: Clock;
  producer: string;
  instanceId: string;
  log: Logger;
  /**
   * How long an instance that does not hold the station waits before answering OFFLINE, and then looks
   * again: presence is written behind (about a second), so a station that connected to another instance
   * just before the command is found there instead of being reported offline.
   */
  offlineGraceMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRouting?: (routing: CommandRouting, command: CommandEvent) => void;
  /** Each answer this instance publishes, with the time from the command's request to the answer (s). */
  onCompleted?: (kind: string, status: StationCommandStatus, seconds: number) => void;
}

/**
 * Carries a StationCommandRequested to the charger and publishes its answer. Every gateway instance sees
 * every command (own consumer group) and acts only for the sockets it holds; when no live instance holds
 * the station, exactly one instance answers OFFLINE (the one that claims the answer in the store first).
 * The completion's id derives from the command's id, so if two instances both deliver it (a reconnect
 * between them), consumers keep one (ADR 0004).
 */
export class ExecuteStationCommand {
  constructor(private readonly deps: ExecuteStationCommandDeps) {}

  async execute(event: CommandEvent): Promise<void> {
    const { payload } = event;
    const log = sessionLogger(this.deps.log, {
      authorizationReference: event.authorizationReference,
      correlationId: event.correlationId,
      sessionId: payload.sessionId,
      stationId: payload.stationId,
    });
    let protocol = this.deps.link.localProtocol(payload.stationId);
    if (!protocol) {
      if (await this.heldElsewhere(payload.stationId)) return this.routed('held-elsewhere', event);
      await (this.deps.sleep ?? sleep)(this.deps.offlineGraceMs ?? 2_500);
      protocol = this.deps.link.localProtocol(payload.stationId);
    }
    if (!protocol) {
      if (await this.heldElsewhere(payload.stationId)) return this.routed('held-elsewhere', event);
      if (!(await this.deps.presence.claimAnswer(payload.commandId))) {
        return this.routed('offline-answered-elsewhere', event);
      }
      log.info(
        { commandId: payload.commandId, kind: payload.command.kind },
        'command for an offline station',
      );
      await this.complete(event, 'OFFLINE', 'station not connected');
      return this.routed('offline', event);
    }
    const deadline = Date.parse(payload.requestedAt) + payload.timeoutMs;
    const remainingMs = deadline - this.deps.clock.now().getTime();
    if (remainingMs < 100) {
      await this.complete(event, 'TIMEOUT', 'expired before delivery');
      return this.routed('expired', event);
    }
    this.routed('delivered', event);

    let call: OcppCall;
    try {
      call = callFor(protocol, payload.command);
    } catch (err) {
      if (err instanceof UnmappableCommand) return this.complete(event, 'ERROR', err.message);
      throw err;
    }
    if (payload.command.kind === 'StartTransaction') {
      // Before the call: the charger may send StartTransaction before we have read its answer.
      await this.deps.remoteStarts.remember({
        stationId: payload.stationId,
        remoteStartId: payload.command.remoteStartId,
        idTag: payload.command.idTag,
        ocppEvseId: payload.command.ocppEvseId,
        ocppConnectorId: payload.command.ocppConnectorId,
        ...(payload.sessionId ? { sessionId: payload.sessionId } : {}),
        commandId: payload.commandId,
        correlationId: event.correlationId,
        ...(event.authorizationReference ? { authorizationReference: event.authorizationReference } : {}),
        requestedAt: payload.requestedAt,
      });
    }
    try {
      const response = await this.deps.link.call(payload.stationId, call.action, call.payload, remainingMs);
      const outcome = outcomeOf(call, response);
      log.info(
        { commandId: payload.commandId, action: call.action, detail: outcome.detail },
        'command answered',
      );
      await this.complete(event, outcome.accepted ? 'ACCEPTED' : 'REJECTED', outcome.detail);
    } catch (err) {
      if (!(err instanceof ChargerCallError)) throw err;
      log.warn({ commandId: payload.commandId, action: call.action, err: err.message }, 'command failed');
      await this.complete(event, err.kind === 'CALLERROR' ? 'ERROR' : err.kind, err.message);
    }
  }

  private async heldElsewhere(stationId: string): Promise<boolean> {
    const owner = await this.deps.presence.ownerOf(stationId);
    return owner !== undefined && owner !== this.deps.instanceId;
  }

  private routed(routing: CommandRouting, event: CommandEvent): void {
    this.deps.onRouting?.(routing, event);
  }

  private async complete(event: CommandEvent, status: StationCommandStatus, detail: string): Promise<void> {
    const p = event.payload;
    const now = this.deps.clock.now();
    await this.deps.sink.publish([
      createEvent(
        StationCommandCompletedV1,
        {
          commandId: p.commandId,
          ...(p.sessionId ? { sessionId: p.sessionId } : {}),
          stationId: p.stationId,
          kind: p.command.kind,
          status,
          detail: detail.slice(0, 200),
          completedAt: now.toISOString(),
        },
        { producer: this.deps.producer, causedBy: event, idDiscriminator: 'completed' },
      ),
    ]);
    const requested = Date.parse(p.requestedAt);
    if (Number.isFinite(requested))
      this.deps.onCompleted?.(p.command.kind, status, Math.max(0, now.getTime() - requested) / 1000);
  }
}
