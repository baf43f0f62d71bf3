import { EVENTS, type EventEnvelope, type StartSessionRequestedPayload } from '@tapcharge/contracts';
import type { Logger } from '@tapcharge/logging';
import { sessionLogger } from '@tapcharge/logging';
import {
  OcpiStatus,
  parseOcpi,
  StartSession,
  toOcpiDateTime,
  type CommandResponse,
  type OcpiVersion,
} from '@tapcharge/ocpi';
import { fallbackAuthorizationReference, sessionIdFor } from '../../domain/ids';
import type { LocationReadModel } from '../../domain/location-read-model';
import { sameParty, type Party } from '../../domain/party';
import type { TariffCatalog } from '../../domain/tariff-catalog';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { CommandRepository } from '../ports/command-repository.port';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { Peer } from '../ports/peer-repository.port';
import { eventFromRequest } from '../events/request-event';

export interface StartSessionCommand {
  peer: Peer & { party: Party };
  version: OcpiVersion;
  body: unknown;
  correlationId: string | undefined;
}

const UNAVAILABLE = new Set(['INOPERATIVE', 'OUTOFORDER', 'REMOVED', 'PLANNED']);

/**
 * START_SESSION (mod_commands): validate, answer the CommandResponse at once, and hand the session to the
 * session engine as StartSessionRequested. Same PTP + authorization_reference = same session: a duplicate
 * gets the first answer and re-emits the same event id (dropped downstream).
 */
export class StartSessionUseCase {
  constructor(
    private readonly locations: LocationReadModel,
    private readonly tariffs: TariffCatalog,
    private readonly commands: CommandRepository,
    private readonly publisher: EventPublisherPort,
    private readonly ctx: GatewayContext,
    private readonly logger: Logger,
  ) {}

  async execute(cmd: StartSessionCommand): Promise<CommandResponse> {
    const parsed = parseOcpi(StartSession, cmd.body);
    if (!parsed.ok) throw OcpiError.invalid(parsed.message);
    const req = parsed.value;
    const ptp = cmd.peer.party;

    if (!sameParty(ptp, { countryCode: req.token.country_code, partyId: req.token.party_id })) {
      return this.reject('The token must belong to your party (country_code/party_id)');
    }
    const at = this.ctx.now();
    const found = this.locations.resolve(req.location_id, req.evse_uid, req.connector_id);
    switch (found.kind) {
      case 'unknown-location':
        throw new OcpiError(200, OcpiStatus.UNKNOWN_LOCATION, `Unknown location ${req.location_id}`);
      case 'unknown-evse':
        return this.reject(`Unknown EVSE ${req.evse_uid} at location ${req.location_id}`);
      case 'unknown-connector':
        return this.reject(`Unknown connector ${req.connector_id} on EVSE ${req.evse_uid}`);
      case 'evse-required':
        return this.reject('This location has several EVSEs: evse_uid is required');
      case 'connector-required':
        return this.reject('This EVSE has several connectors: connector_id is required');
    }
    if (UNAVAILABLE.has(found.evse.status))
      return this.reject(`EVSE ${found.evse.uid} is ${found.evse.status}`);
    if (!found.position) return this.reject(`EVSE ${found.evse.uid} is not connected to a charger`);
    const tariff = this.tariffs.selectFor(found.connector.tariff_ids ?? [], at);
    if (!tariff)
      return this.reject(`No tariff applies to connector ${found.connector.id} of EVSE ${found.evse.uid}`);

    const authorizationReference =
      req.authorization_reference ?? fallbackAuthorizationReference(ptp, req.response_url);
    const sessionId = sessionIdFor(ptp, authorizationReference);
    const ocpiVersion = cmd.peer.version ?? cmd.version;
    const log = sessionLogger(this.logger, {
      authorizationReference,
      correlationId: cmd.correlationId,
      sessionId,
      stationId: found.position.stationId,
    });

    const existing = await this.commands.findStart(sessionId);
    if (existing) {
      log.info('duplicate START_SESSION: answering as before');
      if (!existing.published) await this.publish(existing.sessionId, existing.event, log);
      return existing.response;
    }

    const payload: StartSessionRequestedPayload = {
      sessionId,
      authorizationReference,
      ptp,
      ocpiVersion,
      connector: {
        locationId: found.location.id,
        evseUid: found.evse.uid,
        connectorId: found.connector.id,
        ...found.position,
      },
      token: {
        country_code: req.token.country_code,
        party_id: req.token.party_id,
        uid: req.token.uid,
        type: req.token.type,
        contract_id: req.token.contract_id,
      },
      responseUrl: req.response_url,
      tariff: this.tariffs.render(tariff, ocpiVersion) as Record<string, unknown>,
      timeZone: found.location.time_zone,
      limitInclVat: { amount: this.tariffs.limitInclVat(tariff), currency: tariff.tariff.currency },
      requestedAt: toOcpiDateTime(at),
    };
    const event = eventFromRequest(EVENTS.StartSessionRequested, payload, {
      producer: this.ctx.producer,
      idDiscriminator: sessionId,
      authorizationReference,
      ...(cmd.correlationId ? { correlationId: cmd.correlationId } : {}),
      occurredAt: at,
    });
    const response: CommandResponse = { result: 'ACCEPTED', timeout: this.ctx.commandTimeoutSeconds };
    const { record } = await this.commands.insertStart({
      sessionId,
      ptp,
      peerId: cmd.peer.id,
      authorizationReference,
      request: req,
      response,
      event,
      published: false,
      createdAt: at.toISOString(),
    });
    if (!record.published) await this.publish(sessionId, record.event, log);
    log.info(
      { evseUid: found.evse.uid, tariffId: tariff.id, limit: payload.limitInclVat },
      'START_SESSION accepted',
    );
    return record.response;
  }

  /** Publishes now; when Kafka is down the record stays unpublished and the outbox relay retries. */
  private async publish(sessionId: string, event: EventEnvelope | undefined, log: Logger): Promise<void> {
    if (!event) return;
    try {
      await this.publisher.publish(event);
      await this.commands.markPublished(sessionId);
    } catch (err) {
      log.warn({ err }, 'StartSessionRequested not yet published; the outbox relay retries');
    }
  }

  private reject(text: string): CommandResponse {
    return {
      result: 'REJECTED',
      timeout: this.ctx.commandTimeoutSeconds,
      message: [{ language: 'en', text }],
    };
  }
}
