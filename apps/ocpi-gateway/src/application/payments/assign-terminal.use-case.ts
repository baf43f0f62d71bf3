import { EVENTS } from '@tapcharge/contracts';
import { parseOcpi, toOcpiDateTime, type Terminal } from '@tapcharge/ocpi';
import { z } from 'zod';
import type { LocationReadModel } from '../../domain/location-read-model';
import type { Party } from '../../domain/party';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { PaymentsRepository } from '../ports/payments-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import { queueTerminalPushes } from './terminal-pushes';
import { eventFromRequest } from '../events/request-event';

export const AssignTerminalBody = z.object({
  location_ids: z.array(z.string().min(1).max(36)).optional(),
  evse_uids: z.array(z.string().min(1).max(36)).optional(),
});

/** Admin: assign Locations/EVSEs to a PTP's terminal (PATCH on the PTP, mod_payments). */
export class AssignTerminalUseCase {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly queue: PushQueue,
    private readonly publisher: EventPublisherPort,
    private readonly locations: LocationReadModel,
    private readonly ctx: GatewayContext,
  ) {}

  async execute(ptp: Party, terminalId: string, body: unknown): Promise<Terminal> {
    const parsed = parseOcpi(AssignTerminalBody, body);
    if (!parsed.ok) throw new OcpiError(400, 2001, parsed.message);
    const stored = await this.payments.findTerminal(ptp, terminalId);
    if (!stored) throw OcpiError.notFound(`Unknown terminal ${terminalId}`);
    const unknown = (parsed.value.location_ids ?? []).filter((id) => !this.locations.get(id));
    if (unknown.length > 0) throw new OcpiError(400, 2003, `Unknown location(s): ${unknown.join(', ')}`);
    const now = toOcpiDateTime(this.ctx.now());
    const terminal: Terminal = { ...stored.terminal, last_updated: now };
    if (parsed.value.location_ids) terminal.location_ids = parsed.value.location_ids;
    if (parsed.value.evse_uids) terminal.evse_uids = parsed.value.evse_uids;
    const event = eventFromRequest(
      EVENTS.TerminalRegistered,
      {
        terminalId,
        ptp,
        locationIds: terminal.location_ids ?? [],
        evseUids: terminal.evse_uids ?? [],
        ...(terminal.invoice_base_url ? { invoiceBaseUrl: terminal.invoice_base_url } : {}),
        ...(terminal.invoice_creator ? { invoiceCreator: terminal.invoice_creator } : {}),
        lastUpdated: now,
      },
      { producer: this.ctx.producer, idDiscriminator: `${terminalId}@${now}` },
    );
    await this.payments.saveTerminal({ ...stored, terminal });
    await this.publisher.publish(event);
    const patch = { last_updated: now } as {
      location_ids?: string[];
      evse_uids?: string[];
      last_updated: string;
    };
    if (terminal.location_ids) patch.location_ids = terminal.location_ids;
    if (terminal.evse_uids) patch.evse_uids = terminal.evse_uids;
    await queueTerminalPushes(this.queue, ptp, event.eventId, { put: terminal, patch });
    return terminal;
  }
}
