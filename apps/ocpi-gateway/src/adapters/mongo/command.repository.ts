import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CommandRepository, StartCommandRecord } from '../../application/ports/command-repository.port';
import { collection, COLLECTIONS, isDuplicateKey, OP_TIMEOUT_MS } from './collections';

interface CommandDoc {
  _id: string;
  json: string;
  published: boolean;
}

export class MongoCommandRepository implements CommandRepository {
  private readonly col: Collection<CommandDoc>;

  constructor(conn: Connection) {
    this.col = collection<CommandDoc>(conn, COLLECTIONS.commands);
  }

  async insertStart(record: StartCommandRecord): Promise<{ inserted: boolean; record: StartCommandRecord }> {
    try {
      await this.col.insertOne({
        _id: record.sessionId,
        json: JSON.stringify(record),
        published: record.published,
      });
      return { inserted: true, record };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.findStart(record.sessionId);
      if (!existing) throw err;
      return { inserted: false, record: existing };
    }
  }

  async findStart(sessionId: string): Promise<StartCommandRecord | undefined> {
    const d = await this.col.findOne({ _id: sessionId }, { maxTimeMS: OP_TIMEOUT_MS });
    return d ? { ...(JSON.parse(d.json) as StartCommandRecord), published: d.published } : undefined;
  }

  async markPublished(sessionId: string): Promise<void> {
    await this.col.updateOne({ _id: sessionId }, { $set: { published: true } }, {
      maxTimeMS: OP_TIMEOUT_MS,
    } as never);
  }

  async unpublished(limit: number): Promise<StartCommandRecord[]> {
    const docs = await this.col
      .find({ published: false }, { maxTimeMS: OP_TIMEOUT_MS })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ ...(JSON.parse(d.json) as StartCommandRecord), published: d.published }));
  }
}
