import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, MeterSample } from '../../primitives';
import { SessionSnapshot } from '../session-snapshot/session-snapshot.v1';

/** A session ended (or never started): everything billing needs to build the one CDR. */
export const SessionCompletedPayload = SessionSnapshot.extend({
  /** The OCPI Tariff snapshotted at start. */
  tariff: z.record(z.string(), z.unknown()),
  timeZone: z.string().min(1).max(64),
  /** The meter samples of the transaction, in order (Wh register), from which the CDR is priced. */
  samples: z.array(MeterSample),
  /** True when the charger never confirmed the stop in time; billing caps at the limit and reconciles. */
  flaggedForReconciliation: z.boolean().default(false),
  endedAt: Instant,
});
export type SessionCompletedPayload = z.infer<typeof SessionCompletedPayload>;

export const SessionCompletedV1 = defineEvent({
  type: 'SessionCompleted',
  version: 1,
  topic: topic('session.completed.v1'),
  schema: SessionCompletedPayload,
  keyOf: (p) => p.sessionId,
});
