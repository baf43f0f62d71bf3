import { EVENTS } from '@tapcharge/contracts';
import type { Logger } from '@tapcharge/logging';
import {
  OcpiStatus,
  parseOcpi,
  TerminalInput,
  toOcpiDateTime,
  type Terminal,
  type TerminalPatch,
} from '@tapcharge/ocpi';
import type { LocationReadModel } from '../../domain/location-read-model';
import type { Party } from '../../domain/party';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { PaymentsRepository } from '../ports/payments-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import { queueTerminalPushes } from './terminal-pushes';
import { eventFromRequest } from '../events/request-event';

export interface RegisterTerminalCommand {
  ptp: Party;
  body: unknown;
}

/**
 * POST terminals (Payments receiver): the PTP creates a Terminal on us. We store it, announce it
 * (TerminalRegistered), and answer on the PTP's own terminal: PUT with our invoice settings (we issue the
 * invoices: `invoice_creator` CPO, `invoice_base_url` of our receipts) and, when configured, PATCH assigning
 * our Locations.
 */
export class RegisterTerminalUseCase {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly queue: PushQueue,
    private readonly publisher: EventPublisherPort,
    private readonly locations: LocationReadModel,
    private readonly ctx: GatewayContext,
    private readonly logger: Logger,
  ) {}

  async execute(cmd: RegisterTerminalCommand): Promise<{ created: boolean; terminal: Terminal }> {
    const parsed = parseOcpi(TerminalInput, cmd.body);
    if (!parsed.ok) throw OcpiError.invalid(parsed.message);
    const now = toOcpiDateTime(this.ctx.now());
    const input = parsed.value;
    const assign = this.ctx.autoAssignTerminals && !input.location_ids?.length && !input.evse_uids?.length;
    const terminal: Terminal = {
      ...input,
      invoice_base_url: this.ctx.invoiceBaseUrl,
      invoice_creator: 'CPO',
      ...(assign ? { location_ids: this.locations.all().map((l) => l.id) } : {}),
      last_updated: input.last_updated ?? now,
    };
    const event = eventFromRequest(
      EVENTS.TerminalRegistered,
      {
        terminalId: terminal.terminal_id,
        ptp: cmd.ptp,
        locationIds: terminal.location_ids ?? [],
        evseUids: terminal.evse_uids ?? [],
        invoiceBaseUrl: terminal.invoice_base_url,
        invoiceCreator: terminal.invoice_creator,
        ...(terminal.reference ? { reference: terminal.reference } : {}),
        lastUpdated: terminal.last_updated,
      },
      { producer: this.ctx.producer, idDiscriminator: `${terminal.terminal_id}@${terminal.last_updated}` },
    );
    const { created } = await this.payments.saveTerminal({ ptp: cmd.ptp, terminal });
    try {
      await this.publisher.publish(event);
    } catch (err) {
      this.logger.error({ err, terminalId: terminal.terminal_id }, 'TerminalRegistered not published');
      throw new OcpiError(
        200,
        OcpiStatus.SERVER_ERROR,
        'Temporarily unable to register the terminal; please retry',
      );
    }
    const patch: TerminalPatch | undefined = assign
      ? { location_ids: terminal.location_ids ?? [], last_updated: now }
      : undefined;
    await queueTerminalPushes(this.queue, cmd.ptp, event.eventId, {
      put: { ...terminal, last_updated: now },
      ...(patch ? { patch } : {}),
    });
    return { created, terminal };
  }
}
