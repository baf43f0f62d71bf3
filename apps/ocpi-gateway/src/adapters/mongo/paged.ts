import type { PagingQuery } from '@tapcharge/ocpi';
import type { Collection, Filter } from 'mongodb';
import { partyKey, type Party } from '../../domain/party';
import { OP_TIMEOUT_MS } from './collections';

/** A stored OCPI object one party may list (sessions, CDRs, terminals, FACs). */
export interface PartyObjectDoc {
  _id: string;
  partyKey: string;
  /** Epoch ms of last_updated: numbers compare and sort the same on MongoDB and FerretDB. */
  lastUpdated: number;
  json: string;
}

function rangeFilter<D extends PartyObjectDoc>(party: Party, q: PagingQuery): Filter<D> {
  const f: Record<string, unknown> = { partyKey: partyKey(party) };
  const range: Record<string, number> = {};
  if (q.date_from) range['$gte'] = Date.parse(q.date_from);
  if (q.date_to) range['$lt'] = Date.parse(q.date_to);
  if (Object.keys(range).length > 0) f['lastUpdated'] = range;
  return f as Filter<D>;
}

/** One page of a party's objects, oldest first (stable paging), and how many match in total. */
export async function pageOfParty<T, D extends PartyObjectDoc>(
  col: Collection<D>,
  party: Party,
  q: PagingQuery,
  limit: number,
): Promise<{ items: T[]; total: number }> {
  const filter = rangeFilter<D>(party, q);
  const [docs, total] = await Promise.all([
    col
      .find(filter, { maxTimeMS: OP_TIMEOUT_MS })
      .sort({ lastUpdated: 1, _id: 1 })
      .skip(q.offset)
      .limit(limit)
      .toArray(),
    col.countDocuments(filter, { maxTimeMS: OP_TIMEOUT_MS }),
  ]);
  return { items: docs.map((d) => JSON.parse(d.json) as T), total };
}
