import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, DecimalString, Instant, Money, SessionId } from '../../primitives';

/** The name is fixed by the product card: the cost-limit loop decided to stop the session now. */
export const MaxPriceReachedPayload = z.object({
  sessionId: SessionId,
  authorizationReference: AuthorizationReference,
  costInclVat: Money,
  limitInclVat: Money,
  /** Energy (Wh) and time (s) the budget still allowed when we decided. */
  remainingEnergyWh: z.number(),
  remainingSeconds: z.number(),
  /** The meter sample / timer that triggered the decision. */
  trigger: z.enum(['METER_VALUES', 'TIMER']),
  energyWh: z.number().nonnegative(),
  powerW: z.number().optional(),
  /** Predicted crossing minus now (may be negative when already at the limit). */
  marginSeconds: DecimalString.optional(),
  decidedAt: Instant,
});
export type MaxPriceReachedPayload = z.infer<typeof MaxPriceReachedPayload>;

export const MaxPriceReachedV1 = defineEvent({
  type: 'MaxPriceReached',
  version: 1,
  topic: topic('session.max-price.reached.v1'),
  schema: MaxPriceReachedPayload,
  keyOf: (p) => p.sessionId,
});
