import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, SessionId, StationId } from '../../primitives';

export const StationCommandStatus = z.enum(['ACCEPTED', 'REJECTED', 'TIMEOUT', 'OFFLINE', 'ERROR']);
export type StationCommandStatus = z.infer<typeof StationCommandStatus>;

export const StationCommandCompletedPayload = z.object({
  commandId: z.string().min(1).max(64),
  sessionId: SessionId.optional(),
  stationId: StationId,
  kind: z.enum(['StartTransaction', 'StopTransaction', 'SetMeterInterval', 'TriggerMessage']),
  status: StationCommandStatus,
  /** The charger's own status word or the CALLERROR code. */
  detail: z.string().max(200).optional(),
  completedAt: Instant,
});
export type StationCommandCompletedPayload = z.infer<typeof StationCommandCompletedPayload>;

export const StationCommandCompletedV1 = defineEvent({
  type: 'StationCommandCompleted',
  version: 1,
  topic: topic('ocpp.station-command.completed.v1'),
  schema: StationCommandCompletedPayload,
  keyOf: (p) => p.sessionId ?? p.stationId,
});
