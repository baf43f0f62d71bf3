import type { Cdr, PagingQuery, Session } from '@tapcharge/ocpi';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { SessionStore, StoredCdr, StoredSession } from '../../application/ports/session-store.port';
import { partyKey, type Party } from '../../domain/party';
import { pageOfParty, type PartyObjectDoc } from './paged';
import { collection, COLLECTIONS, isDuplicateKey, OP_TIMEOUT_MS } from './collections';

interface ObjectDoc extends PartyObjectDoc {
  state?: string;
}

export class MongoSessionStore implements SessionStore {
  private readonly sessions: Collection<ObjectDoc>;
  private readonly cdrs: Collection<ObjectDoc>;

  constructor(conn: Connection) {
    this.sessions = collection<ObjectDoc>(conn, COLLECTIONS.sessions);
    this.cdrs = collection<ObjectDoc>(conn, COLLECTIONS.cdrs);
  }

  async upsertSession(s: StoredSession): Promise<boolean> {
    const doc: ObjectDoc = {
      _id: s.sessionId,
      partyKey: partyKey(s.ptp),
      lastUpdated: Date.parse(s.lastUpdated),
      json: JSON.stringify(s.session),
      state: s.state,
    };
    const res = await this.sessions.replaceOne(
      { _id: s.sessionId, lastUpdated: { $lte: doc.lastUpdated } },
      doc,
      {
        maxTimeMS: OP_TIMEOUT_MS,
      } as never,
    );
    if (res.matchedCount === 1) return true;
    try {
      await this.sessions.insertOne(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false; // a newer version is stored
      throw err;
    }
  }

  async findSession(sessionId: string): Promise<StoredSession | undefined> {
    const d = await this.sessions.findOne({ _id: sessionId }, { maxTimeMS: OP_TIMEOUT_MS });
    if (!d) return undefined;
    const session = JSON.parse(d.json) as Session;
    const [countryCode = '', partyId = ''] = d.partyKey.split('*');
    return {
      sessionId,
      ptp: { countryCode, partyId },
      session,
      lastUpdated: session.last_updated,
      state: d.state ?? '',
    };
  }

  pageSessions(ptp: Party, q: PagingQuery, limit: number) {
    return pageOfParty<Session, ObjectDoc>(this.sessions, ptp, q, limit);
  }

  async insertCdr(c: StoredCdr): Promise<boolean> {
    try {
      await this.cdrs.insertOne({
        _id: c.cdrId,
        partyKey: partyKey(c.ptp),
        lastUpdated: Date.parse(c.lastUpdated),
        json: JSON.stringify(c.cdr),
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  pageCdrs(ptp: Party, q: PagingQuery, limit: number) {
    return pageOfParty<Cdr, ObjectDoc>(this.cdrs, ptp, q, limit);
  }
}
