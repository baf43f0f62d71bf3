import { EVENTS } from '@tapcharge/contracts';
import { sessionLogger, type Logger } from '@tapcharge/logging';
import {
  FinancialAdviceConfirmationInput,
  normalizePrice,
  parseOcpi,
  toOcpiDateTime,
  toPrice230,
  type FinancialAdviceConfirmation,
} from '@tapcharge/ocpi';
import type { Party } from '../../domain/party';
import type { GatewayContext } from '../gateway-context';
import { OcpiError } from '../ocpi-error';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { PaymentsRepository, StoredFac } from '../ports/payments-repository.port';
import { eventFromRequest } from '../events/request-event';

export interface ConfirmPaymentCommand {
  ptp: Party;
  body: unknown;
  correlationId: string | undefined;
}

/**
 * POST financial-advice-confirmations: what the PTP captured, matched to the session by
 * authorization_reference downstream (PaymentConfirmed). `total_costs` in either Price shape (kept as exact
 * decimal strings in the event); `eft_data` optional (the spec's failure example has none). Idempotent on the
 * FAC id.
 */
export class ConfirmPaymentUseCase {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly publisher: EventPublisherPort,
    private readonly ctx: GatewayContext,
    private readonly logger: Logger,
  ) {}

  async execute(cmd: ConfirmPaymentCommand): Promise<{ created: boolean; fac: FinancialAdviceConfirmation }> {
    const parsed = parseOcpi(FinancialAdviceConfirmationInput, cmd.body);
    if (!parsed.ok) throw OcpiError.invalid(parsed.message);
    const price = normalizePrice(parsed.value.total_costs);
    // stored and returned in the strict 2.3.0 shape, whichever reading the PTP sent
    const fac: FinancialAdviceConfirmation = {
      ...parsed.value,
      total_costs: toPrice230(parsed.value.total_costs),
    };
    const event = eventFromRequest(
      EVENTS.PaymentConfirmed,
      {
        facId: fac.id,
        authorizationReference: fac.authorization_reference,
        ptp: cmd.ptp,
        captured: { exclVat: price.exclVat, inclVat: price.inclVat ?? price.exclVat, currency: fac.currency },
        captureStatus: fac.capture_status_code,
        ...(fac.capture_status_message ? { captureStatusMessage: fac.capture_status_message } : {}),
        eftData: fac.eft_data ?? [],
        lastUpdated: fac.last_updated,
        receivedAt: toOcpiDateTime(this.ctx.now()),
      },
      {
        producer: this.ctx.producer,
        idDiscriminator: `${cmd.ptp.countryCode}*${cmd.ptp.partyId}*${fac.id}`,
        authorizationReference: fac.authorization_reference,
        ...(cmd.correlationId ? { correlationId: cmd.correlationId } : {}),
      },
    );
    const log = sessionLogger(this.logger, {
      authorizationReference: fac.authorization_reference,
      correlationId: event.correlationId,
    });
    const { inserted, stored } = await this.payments.insertFac({
      ptp: cmd.ptp,
      fac,
      event,
      published: false,
    });
    if (!stored.published) await this.publish(stored, log);
    log.info(
      { facId: fac.id, status: fac.capture_status_code, duplicate: !inserted },
      'financial advice confirmation received',
    );
    return { created: inserted, fac: stored.fac };
  }

  private async publish(stored: StoredFac, log: Logger): Promise<void> {
    if (!stored.event) return;
    try {
      await this.publisher.publish(stored.event);
      await this.payments.markFacPublished(stored.ptp, stored.fac.id);
    } catch (err) {
      log.warn({ err }, 'PaymentConfirmed not yet published; the outbox relay retries');
    }
  }
}
