import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';

export interface ConnectMongoOptions {
  url: string;
  /** The service's own database (DESIGN.md §2: db per service); suffixed by the namespace in tests. */
  dbName: string;
  namespace?: string;
  logger?: Logger;
  /** Deadline for every socket operation: a hung server call becomes an error (DESIGN.md §4). */
  socketTimeoutMs?: number;
}

export function databaseName(service: string, namespace = ''): string {
  const base = service.replace(/[^a-zA-Z0-9_]/g, '_');
  return namespace ? `${base}_${namespace.replace(/[^a-zA-Z0-9_]/g, '_')}` : base;
}

/** Opens a dedicated mongoose connection (never the global one) and waits until it answers a ping. */
export async function connectMongo(opts: ConnectMongoOptions): Promise<Connection> {
  const conn = mongoose.createConnection(opts.url, {
    dbName: databaseName(opts.dbName, opts.namespace),
    serverSelectionTimeoutMS: 10_000,
    connectTimeoutMS: 10_000,
    socketTimeoutMS: opts.socketTimeoutMs ?? 20_000,
    maxPoolSize: 20,
    autoIndex: false, // indexes are created on purpose (ensureIndexes), FerretDB rejects some kinds
    autoCreate: true,
  });
  await conn.asPromise();
  await conn.db?.admin().ping({ maxTimeMS: 5_000 });
  opts.logger?.info({ db: conn.name }, 'connected to document store');
  return conn;
}

/** A `ping` with a deadline, for `/ready`. */
export async function pingMongo(conn: Connection, timeoutMs = 2_000): Promise<boolean> {
  try {
    await conn.db?.admin().ping({ maxTimeMS: timeoutMs });
    return conn.readyState === 1;
  } catch {
    return false;
  }
}
