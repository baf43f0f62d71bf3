import { AggregateStore } from '@tapcharge/persistence';
import type { Connection } from 'mongoose';
import { PROCESSED_IDS_KEPT, type SessionRepository, type StoredSession } from '../application/ports';
import { OPEN_STATES, type Session } from '../domain/session';

/** Sessions as single documents (state + processed ids + outbox) in the engine's own database. */
export class MongoSessionRepository implements SessionRepository {
  private readonly store: AggregateStore<Session>;

  constructor(conn: Connection) {
    this.store = new AggregateStore<Session>(conn, 'sessions', { processedIdsLimit: PROCESSED_IDS_KEPT });
  }

  async ensureIndexes(): Promise<void> {
    await this.store.ensureIndexes();
  }

  loadMany(ids: readonly string[]): Promise<Map<string, StoredSession>> {
    return this.store.loadMany(ids);
  }

  save(next: StoredSession, expectedVersion: number): Promise<StoredSession> {
    return this.store.save(next, expectedVersion);
  }

  async clearOutbox(id: string, version: number): Promise<void> {
    await this.store.clearOutbox(id, version);
  }

  findOpen(partitions: readonly number[]): Promise<StoredSession[]> {
    if (partitions.length === 0) return Promise.resolve([]);
    return this.store.find({
      'state.partition': { $in: [...partitions] },
      'state.state': { $in: [...OPEN_STATES] },
    });
  }

  /** Sessions whose outbox may not have been published (crash between write and publish). */
  pendingOutbox(limit = 100): Promise<StoredSession[]> {
    return this.store.withPendingOutbox(limit);
  }

  get aggregateStore(): AggregateStore<Session> {
    return this.store;
  }
}
