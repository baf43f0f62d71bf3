import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';

/** Every store call gets a deadline: a hung FerretDB call becomes an error (DESIGN.md §4). */
export const OP_TIMEOUT_MS = 5_000;
export const DUPLICATE_KEY = 11000;

export const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === DUPLICATE_KEY;

export function collection<T extends Document>(conn: Connection, name: string): Collection<T> {
  return conn.collection(name) as unknown as Collection<T>;
}

export const COLLECTIONS = {
  peers: 'peers',
  commands: 'start_commands',
  sessions: 'sessions',
  cdrs: 'cdrs',
  pushQueue: 'push_queue',
  terminals: 'terminals',
  facs: 'financial_advice_confirmations',
  evseStatus: 'evse_status',
  mappings: 'connector_mappings',
  tariffs: 'tariffs',
  locations: 'locations',
  pushStats: 'peer_push_stats',
} as const;

/** Indexes the queries need. FerretDB v1: plain and unique indexes only (no TTL/partial). */
export async function ensureIndexes(conn: Connection): Promise<void> {
  await collection(conn, COLLECTIONS.peers).createIndex({ tokenAHash: 1 });
  await collection(conn, COLLECTIONS.peers).createIndex({ tokenCHash: 1 });
  await collection(conn, COLLECTIONS.peers).createIndex({ partyKey: 1, status: 1 });
  await collection(conn, COLLECTIONS.commands).createIndex({ published: 1 });
  await collection(conn, COLLECTIONS.sessions).createIndex({ partyKey: 1, lastUpdated: 1 });
  await collection(conn, COLLECTIONS.cdrs).createIndex({ partyKey: 1, lastUpdated: 1 });
  await collection(conn, COLLECTIONS.pushQueue).createIndex({ nextAttemptAt: 1 });
  await collection(conn, COLLECTIONS.terminals).createIndex({ partyKey: 1 });
  await collection(conn, COLLECTIONS.facs).createIndex({ partyKey: 1 });
  await collection(conn, COLLECTIONS.facs).createIndex({ published: 1 });
}
