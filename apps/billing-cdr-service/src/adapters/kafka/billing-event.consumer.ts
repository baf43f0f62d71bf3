import { EVENTS, isEvent, type EventDefinition } from '@tapcharge/contracts';
import { PermanentError, type ConsumedEvent } from '@tapcharge/kafka';
import type { CompleteSessionUseCase } from '../../application/complete-session/complete-session.use-case';
import type { ConfirmPaymentUseCase } from '../../application/confirm-payment/confirm-payment.use-case';
import { BillingError, PERMANENT_BILLING_ERRORS } from '../../domain/billing.errors';

export const CONSUMED_EVENTS: readonly EventDefinition[] = [EVENTS.SessionCompleted, EVENTS.PaymentConfirmed];

/**
 * Routes consumed events to their use case. Input that can never be billed (invalid tariff, conflicting
 * session) becomes a PermanentError, which the consumer dead-letters at once; anything else is retried.
 */
export function billingEventHandler(handlers: {
  session: CompleteSessionUseCase;
  payment: ConfirmPaymentUseCase;
}) {
  return async ({ event }: ConsumedEvent): Promise<void> => {
    try {
      if (isEvent(event, EVENTS.SessionCompleted)) return await handlers.session.execute(event);
      if (isEvent(event, EVENTS.PaymentConfirmed)) return await handlers.payment.execute(event);
    } catch (err) {
      if (err instanceof BillingError && PERMANENT_BILLING_ERRORS.has(err.code)) {
        throw new PermanentError(err.message, err.code);
      }
      throw err;
    }
  };
}
