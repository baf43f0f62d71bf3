import { defineEvent, topic } from '../../event-definition';
import { SessionSnapshot } from '../session-snapshot/session-snapshot.v1';

/** Progress or a state change of a session (OCPI PATCH session; live receipt page). */
export const SessionUpdatedV1 = defineEvent({
  type: 'SessionUpdated',
  version: 1,
  topic: topic('session.updated.v1'),
  schema: SessionSnapshot,
  keyOf: (p) => p.sessionId,
});
