import type { Connection } from 'mongoose';
import type { Collection } from 'mongodb';
import { partyKey, type Party } from '../../domain/party';
import type { Peer, PeerRepository } from '../../application/ports/peer-repository.port';
import { collection, COLLECTIONS, OP_TIMEOUT_MS } from './collections';

interface PeerDoc {
  _id: string;
  json: string;
  status: string;
  tokenAHash: string | null;
  tokenCHash: string | null;
  partyKey: string | null;
  updatedAt: string;
}

const toDoc = (p: Peer): PeerDoc => ({
  _id: p.id,
  json: JSON.stringify(p),
  status: p.status,
  tokenAHash: p.tokenAHash ?? null,
  tokenCHash: p.tokenCHash ?? null,
  partyKey: p.party ? partyKey(p.party) : null,
  updatedAt: p.updatedAt,
});
const fromDoc = (d: PeerDoc): Peer => JSON.parse(d.json) as Peer;

export class MongoPeerRepository implements PeerRepository {
  private readonly col: Collection<PeerDoc>;

  constructor(conn: Connection) {
    this.col = collection<PeerDoc>(conn, COLLECTIONS.peers);
  }

  async create(peer: Peer): Promise<void> {
    await this.col.insertOne(toDoc(peer));
  }

  async update(peer: Peer, expectedUpdatedAt: string): Promise<boolean> {
    const res = await this.col.replaceOne({ _id: peer.id, updatedAt: expectedUpdatedAt }, toDoc(peer), {
      maxTimeMS: OP_TIMEOUT_MS,
    } as never);
    return res.matchedCount === 1;
  }

  async findById(id: string): Promise<Peer | undefined> {
    const d = await this.col.findOne({ _id: id }, { maxTimeMS: OP_TIMEOUT_MS });
    return d ? fromDoc(d) : undefined;
  }

  async findByTokenHash(hash: string): Promise<Peer | undefined> {
    const d = await this.col.findOne(
      { $or: [{ tokenCHash: hash }, { tokenAHash: hash }] },
      { maxTimeMS: OP_TIMEOUT_MS },
    );
    return d ? fromDoc(d) : undefined;
  }

  async findRegisteredByParty(party: Party): Promise<Peer | undefined> {
    const docs = await this.col
      .find({ partyKey: partyKey(party), status: 'REGISTERED' }, { maxTimeMS: OP_TIMEOUT_MS })
      .sort({ updatedAt: -1 })
      .limit(1)
      .toArray();
    return docs[0] ? fromDoc(docs[0]) : undefined;
  }

  async listAll(): Promise<Peer[]> {
    const docs = await this.col.find({}, { maxTimeMS: OP_TIMEOUT_MS }).limit(10_000).toArray();
    return docs
      .map(fromDoc)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async listRegistered(): Promise<Peer[]> {
    const docs = await this.col
      .find({ status: 'REGISTERED' }, { maxTimeMS: OP_TIMEOUT_MS })
      .limit(1000)
      .toArray();
    return docs.map(fromDoc);
  }
}
