import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, Currency, DecimalString, Instant, PartyRef } from '../../primitives';

/** An OCPI 2.3.0 FinancialAdviceConfirmation: what the PTP captured at its PSP. */
export const PaymentConfirmedPayload = z.object({
  facId: z.string().min(1).max(36),
  authorizationReference: AuthorizationReference,
  ptp: PartyRef,
  /** Captured amount; `inclVat` is what left the card. `exclVat` when the PTP sent it. */
  captured: z.object({ exclVat: DecimalString.optional(), inclVat: DecimalString, currency: Currency }),
  captureStatus: z.enum(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED']),
  captureStatusMessage: z.string().max(255).optional(),
  /** EFT lines to print on the invoice exactly as received. */
  eftData: z.array(z.string().max(255)).default([]),
  lastUpdated: Instant,
  receivedAt: Instant,
});
export type PaymentConfirmedPayload = z.infer<typeof PaymentConfirmedPayload>;

export const PaymentConfirmedV1 = defineEvent({
  type: 'PaymentConfirmed',
  version: 1,
  topic: topic('ocpi.payment.confirmed.v1'),
  schema: PaymentConfirmedPayload,
  keyOf: (p) => p.authorizationReference,
});
