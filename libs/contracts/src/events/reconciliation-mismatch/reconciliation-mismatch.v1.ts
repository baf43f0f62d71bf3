import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, DecimalString, Instant } from '../../primitives';

export const ReconciliationMismatchPayload = z.object({
  authorizationReference: AuthorizationReference,
  kind: z.enum([
    'CAPTURED_MORE_THAN_CDR',
    'CAPTURED_LESS_THAN_CDR',
    'CAPTURE_FAILED',
    'CAPTURE_PARTIAL',
    'MISSING_CONFIRMATION',
    'CDR_ABOVE_AUTHORISED',
    'STOP_NOT_CONFIRMED',
  ]),
  authorisedInclVat: DecimalString.optional(),
  cdrInclVat: DecimalString.optional(),
  capturedInclVat: DecimalString.optional(),
  currency: z.string().length(3),
  detail: z.string().max(500).optional(),
  detectedAt: Instant,
});
export type ReconciliationMismatchPayload = z.infer<typeof ReconciliationMismatchPayload>;

export const ReconciliationMismatchV1 = defineEvent({
  type: 'ReconciliationMismatch',
  version: 1,
  topic: topic('billing.reconciliation.mismatch.v1'),
  schema: ReconciliationMismatchPayload,
  keyOf: (p) => p.authorizationReference,
});
