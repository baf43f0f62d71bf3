import { EVENTS } from '@tapcharge/contracts';
import { sessionLogger, type Logger } from '@tapcharge/logging';
import { OcpiStatus, parseOcpi, StopSession, toOcpiDateTime, type CommandResponse } from '@tapcharge/ocpi';
import { stopRequestIdFor } from '../../domain/ids';
import { sameParty, type Party } from '../../domain/party';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { CommandRepository } from '../ports/command-repository.port';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { Peer } from '../ports/peer-repository.port';
import type { SessionStore } from '../ports/session-store.port';
import { eventFromRequest } from '../events/request-event';

export interface StopSessionCommand {
  peer: Peer & { party: Party };
  body: unknown;
  correlationId: string | undefined;
}

/**
 * STOP_SESSION: only for sessions this PTP started (others look unknown, revealing nothing). The request id
 * derives from session + response_url, so a repeated stop is one request downstream.
 */
export class StopSessionUseCase {
  constructor(
    private readonly commands: CommandRepository,
    private readonly sessions: SessionStore,
    private readonly publisher: EventPublisherPort,
    private readonly ctx: GatewayContext,
    private readonly logger: Logger,
  ) {}

  async execute(cmd: StopSessionCommand): Promise<CommandResponse> {
    const parsed = parseOcpi(StopSession, cmd.body);
    if (!parsed.ok) throw OcpiError.invalid(parsed.message);
    const req = parsed.value;
    const timeout = this.ctx.commandTimeoutSeconds;

    const record = await this.commands.findStart(req.session_id);
    if (!record || !sameParty(record.ptp, cmd.peer.party)) {
      return {
        result: 'UNKNOWN_SESSION',
        timeout,
        message: [{ language: 'en', text: `Unknown session ${req.session_id}` }],
      };
    }
    const stored = await this.sessions.findSession(record.sessionId);
    if (stored && ['COMPLETED', 'INVALID'].includes(stored.session.status)) {
      return {
        result: 'REJECTED',
        timeout,
        message: [{ language: 'en', text: 'The session has already ended' }],
      };
    }
    const requestId = stopRequestIdFor(record.sessionId, req.response_url);
    const at = this.ctx.now();
    const event = eventFromRequest(
      EVENTS.StopSessionRequested,
      {
        sessionId: record.sessionId,
        requestedBy: 'PTP',
        responseUrl: req.response_url,
        requestId,
        requestedAt: toOcpiDateTime(at),
      },
      {
        producer: this.ctx.producer,
        idDiscriminator: requestId,
        authorizationReference: record.authorizationReference,
        correlationId: cmd.correlationId ?? record.event?.correlationId ?? requestId,
        occurredAt: at,
      },
    );
    const log = sessionLogger(this.logger, {
      authorizationReference: record.authorizationReference,
      correlationId: event.correlationId,
      sessionId: record.sessionId,
    });
    try {
      await this.publisher.publish(event);
    } catch (err) {
      log.error({ err }, 'StopSessionRequested could not be published');
      throw new OcpiError(
        200,
        OcpiStatus.SERVER_ERROR,
        'Temporarily unable to forward the stop; please retry',
      );
    }
    log.info('STOP_SESSION accepted');
    return { result: 'ACCEPTED', timeout };
  }
}
