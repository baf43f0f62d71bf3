import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, Instant, Money, PartyRef, PriceAmount, SessionId } from '../../primitives';

export const CdrCreatedPayload = z.object({
  cdrId: z.string().min(1).max(39),
  sessionId: SessionId,
  authorizationReference: AuthorizationReference,
  ptp: PartyRef,
  ocpiVersion: z.enum(['2.2.1', '2.3.0']),
  /** The OCPI CDR object in the PTP's version shape, ready to POST. */
  cdr: z.record(z.string(), z.unknown()),
  total: PriceAmount,
  limitInclVat: Money,
  createdAt: Instant,
});
export type CdrCreatedPayload = z.infer<typeof CdrCreatedPayload>;

export const CdrCreatedV1 = defineEvent({
  type: 'CdrCreated',
  version: 1,
  topic: topic('billing.cdr.created.v1'),
  schema: CdrCreatedPayload,
  keyOf: (p) => p.sessionId,
});
