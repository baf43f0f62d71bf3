import { defineEvent, topic } from '../../event-definition';
import { SessionSnapshot } from '../session-snapshot/session-snapshot.v1';

/** The charger started the transaction: the session is ACTIVE (OCPI PUT session). */
export const SessionStartedV1 = defineEvent({
  type: 'SessionStarted',
  version: 1,
  topic: topic('session.started.v1'),
  schema: SessionSnapshot,
  keyOf: (p) => p.sessionId,
});
