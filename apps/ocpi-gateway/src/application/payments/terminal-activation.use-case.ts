import { OcpiStatus, parseOcpi, TerminalInput, toOcpiDateTime, type Terminal } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import { partyKey, type Party } from '../../domain/party';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { PaymentsRepository, StoredTerminal } from '../ports/payments-repository.port';
import type { PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import { objectPath, pushItem } from '../push/peer-pushes';
import { terminalQueueKey } from './terminal-pushes';

/** The activation request body: a Terminal whose `terminal_id` is optional (the PTP may assign it). */
export const TerminalActivation = TerminalInput.extend({
  terminal_id: TerminalInput.shape.terminal_id.optional(),
});

/**
 * Terminal activation and deactivation (mod_payments, calls on the PTP's Sender interface): for a terminal
 * built into a charger, the CPO POSTs `{payments}/terminals/activate` with the OEM's `reference`; the PTP
 * configures it and then creates the Terminal on us (POST terminals). `POST .../terminals/{id}/deactivate`
 * (no body) retires one (broken, moved). Both go through the durable push queue to the PTP's registered
 * peer; we stamp `last_updated` and offer our invoice settings in the activation.
 */
export class TerminalActivationUseCase {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly peers: PeerRepository,
    private readonly queue: PushQueue,
    private readonly ctx: GatewayContext,
  ) {}

  async activate(
    ptp: Party,
    body: unknown,
  ): Promise<Omit<Terminal, 'terminal_id'> & { terminal_id?: string }> {
    const parsed = parseOcpi(TerminalActivation, body ?? {});
    if (!parsed.ok) throw new OcpiError(400, OcpiStatus.INVALID_PARAMETERS, parsed.message);
    if (!parsed.value.reference && !parsed.value.terminal_id)
      throw new OcpiError(400, OcpiStatus.INVALID_PARAMETERS, 'reference: required (or a terminal_id)');
    await this.requirePeer(ptp);
    const now = this.ctx.now();
    const activation = {
      invoice_base_url: this.ctx.invoiceBaseUrl,
      invoice_creator: 'CPO' as const,
      ...parsed.value,
      last_updated: toOcpiDateTime(now),
    };
    const item = pushItem(
      'terminal',
      'POST',
      { module: 'payments-terminals', path: 'activate' },
      JSON.stringify(activation),
      now,
    );
    const key = terminalQueueKey(ptp, `activate:${activation.reference ?? activation.terminal_id ?? ''}`);
    await this.queue.enqueue(key, partyKey(ptp), randomUUID(), (state) => ({ items: [item], state }));
    return activation;
  }

  async deactivate(ptp: Party, terminalId: string): Promise<StoredTerminal> {
    const stored = await this.payments.findTerminal(ptp, terminalId);
    if (!stored)
      throw OcpiError.notFound(`Unknown terminal ${terminalId} of ${ptp.countryCode}/${ptp.partyId}`);
    await this.requirePeer(ptp);
    const now = this.ctx.now();
    const deactivated: StoredTerminal = { ...stored, deactivatedAt: toOcpiDateTime(now) };
    await this.payments.saveTerminal(deactivated);
    const item = pushItem(
      'terminal',
      'POST',
      { module: 'payments-terminals', path: `${objectPath(stored.terminal.terminal_id)}/deactivate` },
      '',
      now,
    );
    await this.queue.enqueue(
      terminalQueueKey(ptp, stored.terminal.terminal_id),
      partyKey(ptp),
      randomUUID(),
      (state) => ({ items: [item], state }),
    );
    return deactivated;
  }

  private async requirePeer(ptp: Party): Promise<void> {
    const peer = await this.peers.findRegisteredByParty(ptp);
    if (!peer) throw OcpiError.notFound(`No registered PTP ${ptp.countryCode}/${ptp.partyId}`);
    if (!peer.endpoints.some((e) => e.identifier === 'payments'))
      throw new OcpiError(
        409,
        OcpiStatus.NO_MATCHING_ENDPOINTS,
        `PTP ${ptp.countryCode}/${ptp.partyId} advertises no payments endpoint`,
      );
  }
}
