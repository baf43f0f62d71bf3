import type { AggregateStore } from '@tapcharge/persistence';
import { OPEN_STATES, type Session } from '../../domain/session';
import type { SessionFinder } from './session-admin';

/** Operator queries on the state fields of the session documents (no index: an admin's occasional read). */
export class StoreSessionFinder implements SessionFinder {
  constructor(private readonly store: AggregateStore<Session>) {}

  async byAuthorizationReference(authorizationReference: string): Promise<Session[]> {
    const found = await this.store.find(
      { 'state.authorizationReference': authorizationReference },
      { limit: 10 },
    );
    return found.map((a) => a.state);
  }

  async recent(opts: { openOnly: boolean; limit: number }): Promise<Session[]> {
    const filter = opts.openOnly ? { 'state.state': { $in: [...OPEN_STATES] } } : {};
    const found = await this.store.find(filter, { sort: { 'state.createdAt': -1 }, limit: opts.limit });
    return found.map((a) => a.state);
  }
}
