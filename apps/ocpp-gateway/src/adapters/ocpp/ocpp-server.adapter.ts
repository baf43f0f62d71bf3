import type { Server } from 'node:http';
import { OCPPServer, SecurityProfile, type OCPPServerClient, type OCPPPlugin } from 'ocpp-ws-io';
import { errorCodeFor, type OcppVersion } from '@tapcharge/ocpp';
import type { Logger } from '@tapcharge/logging';
import { ChargerCallError, type ChargerLink } from '../../application/ports/charger-link.port';
import type { AuthenticateStation } from '../../application/connection/authenticate-station.use-case';
import type { StationConnections } from '../../application/connection/station-connections.use-case';
import { InboundRejection } from '../../application/inbound/inbound.types';
import type { InboundDispatcher } from '../../application/inbound/inbound-dispatcher';
import type { StationRecord } from '../../domain/station';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { pinoForOcppWsIo } from './ocpp-logger';
import { nullPayloadPlugin } from './null-payload.plugin';
import { STRICT_METHODS } from './strictness';

export interface OcppServerConfig {
  port: number;
  host: string;
  /** Security profile 2: TLS with these PEMs (Basic Auth on top); absent = profile 1 (plain ws). */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
  callTimeoutMs: number;
  pingIntervalMs: number;
  /** Unparseable frames tolerated per connection before it is closed. */
  maxBadMessages: number;
  heartbeatIntervalSeconds: number;
}

interface Session extends Record<string, unknown> {
  station: StationRecord;
}

/** What this instance knows about one of its sockets. */
interface Held {
  openedAt: Date;
  /** Closed because a newer connection of the station exists on another instance. */
  released: boolean;
}

/** A CALLERROR with the code spelt for the connection's version (ocpp-ws-io sends `rpcErrorCode` as is). */
function rpcError(protocol: OcppVersion, err: InboundRejection): Error {
  return Object.assign(new Error(err.message), {
    rpcErrorCode: errorCodeFor(protocol, err.code),
    rpcErrorMessage: err.message,
  });
}

/**
 * The WebSocket CSMS on ocpp-ws-io: `ws(s)://host:port/ocpp/{stationId}`, subprotocols `ocpp2.0.1` and
 * `ocpp1.6`. Upgrades are decided by AuthenticateStation; every CALL goes through the InboundDispatcher.
 * Strict schema validation (the library's, from the official schemas) covers the messages where a
 * CALLERROR costs nothing; transaction messages and StatusNotification are read tolerantly (ADR 0004).
 */
export class OcppServerAdapter implements ChargerLink {
  private readonly server: OCPPServer;
  private httpServer: Server | undefined;
  private readonly held = new WeakMap<OCPPServerClient, Held>();

  constructor(
    private readonly config: OcppServerConfig,
    private readonly deps: {
      auth: AuthenticateStation;
      dispatcher: InboundDispatcher;
      connections: StationConnections;
      metrics: GatewayMetrics;
      log: Logger;
    },
  ) {
    this.server = new OCPPServer({
      protocols: ['ocpp2.0.1', 'ocpp1.6'],
      strictMode: true,
      strictModeMethods: [...STRICT_METHODS],
      securityProfile: config.tls ? SecurityProfile.TLS_BASIC_AUTH : SecurityProfile.BASIC_AUTH,
      ...(config.tls ? { tls: { ...config.tls } } : {}),
      callTimeoutMs: config.callTimeoutMs,
      pingIntervalMs: config.pingIntervalMs,
      callConcurrency: 1,
      maxBadMessages: config.maxBadMessages,
      respondWithDetailedErrors: false,
      handshakeTimeoutMs: 15_000,
      logging: { logger: pinoForOcppWsIo(deps.log) },
    });
    this.server.plugin(
      nullPayloadPlugin((client, call) => this.dispatch(client, call.action, call.messageId, {})),
      this.observer(),
    );
    this.server.route('/ocpp/:identity').auth<Session>(async (ctx) => {
      // ocpp-ws-io signals ctx.reject by throwing; an async callback must not let that (or a store error)
      // escape as an unhandled rejection.
      const refuse = (status: number, reason: string) => {
        this.deps.metrics.authRefused.inc({ status: String(status) });
        this.deps.log.warn({ station_id: ctx.handshake.identity, status, reason }, 'upgrade refused');
        try {
          ctx.reject(status, reason);
        } catch {
          /* the library's rejection signal */
        }
      };
      try {
        const decision = await this.deps.auth.decide(
          ctx.handshake.identity,
          ctx.handshake.password,
          ctx.handshake.protocols,
        );
        if (decision.ok) ctx.accept({ protocol: decision.protocol, session: { station: decision.station } });
        else refuse(decision.status, decision.reason);
      } catch (err) {
        this.deps.log.error({ err, station_id: ctx.handshake.identity }, 'upgrade decision failed');
        refuse(503, 'registry unavailable');
      }
    });
    this.server.on('client', (client) => this.onClient(client));
    this.server.on('error', (err) => this.deps.log.error({ err }, 'OCPP server error'));
  }

  async listen(): Promise<number> {
    this.httpServer = await this.server.listen(this.config.port, this.config.host);
    const address = this.httpServer.address();
    return typeof address === 'object' && address ? address.port : this.config.port;
  }

  get connectionCount(): number {
    return this.server.clients.size;
  }

  async close(): Promise<void> {
    await this.server.close({ force: true });
  }

  localProtocol(stationId: string): OcppVersion | undefined {
    return this.server.getLocalClient(stationId)?.protocol as OcppVersion | undefined;
  }

  async call(
    stationId: string,
    action: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown> {
    const client = this.server.getLocalClient(stationId);
    if (!client) throw new ChargerCallError('OFFLINE', 'station not connected to this instance');
    try {
      return await client.call(action, payload, { timeoutMs });
    } catch (err) {
      const e = err as Error & { rpcErrorCode?: string };
      if (e.name === 'TimeoutError')
        throw new ChargerCallError('TIMEOUT', `no answer within ${timeoutMs} ms`);
      if (e.rpcErrorCode) throw new ChargerCallError('CALLERROR', `${e.rpcErrorCode}: ${e.message}`);
      if (!this.server.getLocalClient(stationId)) throw new ChargerCallError('OFFLINE', 'connection lost');
      throw new ChargerCallError('ERROR', e.message);
    }
  }

  release(stationId: string, openedBy: Date, reason: string): Promise<boolean> {
    const client = this.server.getLocalClient(stationId);
    const held = client && this.held.get(client);
    if (!client || !held || held.openedAt.getTime() > openedBy.getTime()) return Promise.resolve(false);
    held.released = true;
    // 4000-4999: application codes (RFC 6455 §7.4.2); ocpp-ws-io uses 4000 for its own evictions. Not
    // awaited: a half-dead socket may take ws's close timeout, and the caller is a Kafka consumer.
    void client.close({ code: 4001, reason, awaitPending: false }).catch(() => undefined);
    return Promise.resolve(true);
  }

  private onClient(client: OCPPServerClient): void {
    const protocol = client.protocol as OcppVersion;
    const stationId = client.identity;
    const held: Held = { openedAt: new Date(), released: false };
    this.held.set(client, held);
    this.deps.metrics.connectedStations.inc();
    void this.deps.connections.connected(stationId, protocol, held.openedAt);
    client.handle((action, ctx) => this.dispatch(client, action, ctx.messageId, ctx.params));
    client.on('close', ({ code, reason }) => {
      this.deps.metrics.connectedStations.dec();
      const current = this.server.getLocalClient(stationId);
      const replaced = held.released || (current !== undefined && current !== client);
      void this.deps.connections.disconnected(
        stationId,
        protocol,
        new Date(),
        `${code} ${reason}`.trim(),
        replaced,
      );
    });
  }

  private async dispatch(
    client: OCPPServerClient,
    action: string,
    messageId: string,
    params: unknown,
  ): Promise<Record<string, unknown>> {
    const protocol = client.protocol as OcppVersion;
    const station = (client.session as Session).station;
    this.deps.metrics.inboundCalls.inc({ protocol, action });
    const stop = this.deps.metrics.handlerSeconds.startTimer({ action });
    try {
      return await this.deps.dispatcher.dispatch(client, {
        stationId: client.identity,
        protocol,
        station,
        action,
        messageId,
        params,
        receivedAt: new Date(),
      });
    } catch (err) {
      if (err instanceof InboundRejection) {
        const e = rpcError(protocol, err);
        this.deps.metrics.callErrors.inc({ code: (e as Error & { rpcErrorCode: string }).rpcErrorCode });
        throw e;
      }
      this.deps.metrics.callErrors.inc({ code: 'InternalError' });
      this.deps.log.error({ err, station_id: client.identity, action }, 'inbound handler failed');
      throw Object.assign(new Error('internal error'), {
        rpcErrorCode: 'InternalError',
        rpcErrorMessage: 'internal error',
      });
    } finally {
      stop();
    }
  }

  private observer(): OCPPPlugin {
    const { metrics, log } = this.deps;
    return {
      name: 'tapcharge-observer',
      onBadMessage: (client, raw, error) => {
        metrics.badFrames.inc();
        log.warn({ station_id: client.identity, frame: raw.slice(0, 200), err: error.message }, 'bad frame');
      },
      onValidationFailure: (client, _message, error) => {
        const code = (error as Error & { rpcErrorCode?: string }).rpcErrorCode ?? 'validation';
        metrics.callErrors.inc({ code });
        log.warn({ station_id: client.identity, code, err: error.message }, 'frame failed schema validation');
      },
      onEviction: (evicted) =>
        log.info({ station_id: evicted.identity }, 'older connection closed: a newer one took over'),
    };
  }
}
