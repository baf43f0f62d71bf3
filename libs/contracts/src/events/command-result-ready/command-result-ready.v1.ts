import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { AuthorizationReference, Instant, PartyRef, SessionId } from '../../primitives';

/** The async OCPI CommandResult the gateway must POST to the PTP's response_url. */
export const CommandResultReadyPayload = z.object({
  sessionId: SessionId,
  authorizationReference: AuthorizationReference.optional(),
  ptp: PartyRef,
  command: z.enum(['START_SESSION', 'STOP_SESSION']),
  result: z.enum([
    'ACCEPTED',
    'CANCELED_RESERVATION',
    'EVSE_OCCUPIED',
    'EVSE_INOPERATIVE',
    'FAILED',
    'NOT_SUPPORTED',
    'REJECTED',
    'TIMEOUT',
    'UNKNOWN_RESERVATION',
  ]),
  message: z.string().max(512).optional(),
  responseUrl: z.url(),
  readyAt: Instant,
});
export type CommandResultReadyPayload = z.infer<typeof CommandResultReadyPayload>;

export const CommandResultReadyV1 = defineEvent({
  type: 'CommandResultReady',
  version: 1,
  topic: topic('session.command-result.ready.v1'),
  schema: CommandResultReadyPayload,
  keyOf: (p) => p.sessionId,
});
