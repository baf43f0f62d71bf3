import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, SessionId } from '../../primitives';

export const StopSessionRequestedPayload = z.object({
  sessionId: SessionId,
  /** Who asked: the PTP over OCPI STOP_SESSION, or an operator (admin soft stop). */
  requestedBy: z.enum(['PTP', 'OPERATOR']),
  /** OCPI response_url for the async CommandResult (PTP stops only). */
  responseUrl: z.url().optional(),
  requestId: z.string().min(1).max(64),
  requestedAt: Instant,
});
export type StopSessionRequestedPayload = z.infer<typeof StopSessionRequestedPayload>;

export const StopSessionRequestedV1 = defineEvent({
  type: 'StopSessionRequested',
  version: 1,
  topic: topic('ocpi.stop-session.requested.v1'),
  schema: StopSessionRequestedPayload,
  keyOf: (p) => p.sessionId,
});
