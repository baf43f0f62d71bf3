import type { EventEnvelope } from '@tapcharge/contracts';
import type { CommandResponse, StartSession } from '@tapcharge/ocpi';
import type { Party } from '../../domain/party';

/** An accepted START_SESSION and the event it produced (kept until the event is published). */
export interface StartCommandRecord {
  sessionId: string;
  ptp: Party;
  peerId: string;
  authorizationReference: string;
  request: StartSession;
  response: CommandResponse;
  event: EventEnvelope | undefined;
  published: boolean;
  createdAt: string;
}

export interface CommandRepository {
  /** Inserts; returns the existing record instead when the session id is already known. */
  insertStart(record: StartCommandRecord): Promise<{ inserted: boolean; record: StartCommandRecord }>;
  findStart(sessionId: string): Promise<StartCommandRecord | undefined>;
  markPublished(sessionId: string): Promise<void>;
  unpublished(limit: number): Promise<StartCommandRecord[]>;
}
