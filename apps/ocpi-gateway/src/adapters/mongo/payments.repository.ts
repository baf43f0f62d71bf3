import type { FinancialAdviceConfirmation, PagingQuery, Terminal } from '@tapcharge/ocpi';
import type { EventEnvelope } from '@tapcharge/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type {
  PaymentsRepository,
  StoredFac,
  StoredTerminal,
} from '../../application/ports/payments-repository.port';
import { partyKey, type Party } from '../../domain/party';
import { collection, COLLECTIONS, isDuplicateKey, OP_TIMEOUT_MS } from './collections';
import { pageOfParty, type PartyObjectDoc } from './paged';

interface TerminalDoc extends PartyObjectDoc {
  deactivatedAt: string | null;
}

interface FacDoc extends PartyObjectDoc {
  event: string | null;
  published: boolean;
}

const idOf = (ptp: Party, id: string) => `${partyKey(ptp)}*${id.toUpperCase()}`;
const partyOf = (key: string): Party => {
  const [countryCode = '', partyId = ''] = key.split('*');
  return { countryCode, partyId };
};

export class MongoPaymentsRepository implements PaymentsRepository {
  private readonly terminals: Collection<TerminalDoc>;
  private readonly facs: Collection<FacDoc>;

  constructor(conn: Connection) {
    this.terminals = collection<TerminalDoc>(conn, COLLECTIONS.terminals);
    this.facs = collection<FacDoc>(conn, COLLECTIONS.facs);
  }

  async saveTerminal(t: StoredTerminal): Promise<{ created: boolean }> {
    const res = await this.terminals.replaceOne(
      { _id: idOf(t.ptp, t.terminal.terminal_id) },
      {
        partyKey: partyKey(t.ptp),
        lastUpdated: Date.parse(t.terminal.last_updated),
        json: JSON.stringify(t.terminal),
        deactivatedAt: t.deactivatedAt ?? null,
      },
      { upsert: true, maxTimeMS: OP_TIMEOUT_MS } as never,
    );
    return { created: res.upsertedCount === 1 };
  }

  async findTerminal(ptp: Party, terminalId: string): Promise<StoredTerminal | undefined> {
    const d = await this.terminals.findOne({ _id: idOf(ptp, terminalId) }, { maxTimeMS: OP_TIMEOUT_MS });
    return d ? toTerminal(d) : undefined;
  }

  async listTerminals(): Promise<StoredTerminal[]> {
    const docs = await this.terminals.find({}, { maxTimeMS: OP_TIMEOUT_MS }).limit(100_000).toArray();
    return docs
      .map(toTerminal)
      .sort((a, b) => a.terminal.last_updated.localeCompare(b.terminal.last_updated));
  }

  pageTerminals(ptp: Party, q: PagingQuery, limit: number) {
    return pageOfParty<Terminal, TerminalDoc>(this.terminals, ptp, q, limit);
  }

  pageFacs(ptp: Party, q: PagingQuery, limit: number) {
    return pageOfParty<FinancialAdviceConfirmation, FacDoc>(this.facs, ptp, q, limit);
  }

  async insertFac(f: StoredFac): Promise<{ inserted: boolean; stored: StoredFac }> {
    try {
      await this.facs.insertOne({
        _id: idOf(f.ptp, f.fac.id),
        partyKey: partyKey(f.ptp),
        lastUpdated: Date.parse(f.fac.last_updated),
        json: JSON.stringify(f.fac),
        event: f.event ? JSON.stringify(f.event) : null,
        published: f.published,
      });
      return { inserted: true, stored: f };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const stored = await this.findFac(f.ptp, f.fac.id);
      if (!stored) throw err;
      return { inserted: false, stored };
    }
  }

  async findFac(ptp: Party, id: string): Promise<StoredFac | undefined> {
    const d = await this.facs.findOne({ _id: idOf(ptp, id) }, { maxTimeMS: OP_TIMEOUT_MS });
    return d ? toFac(d) : undefined;
  }

  async markFacPublished(ptp: Party, id: string): Promise<void> {
    await this.facs.updateOne({ _id: idOf(ptp, id) }, { $set: { published: true } }, {
      maxTimeMS: OP_TIMEOUT_MS,
    } as never);
  }

  async unpublishedFacs(limit: number): Promise<StoredFac[]> {
    const docs = await this.facs
      .find({ published: false }, { maxTimeMS: OP_TIMEOUT_MS })
      .limit(limit)
      .toArray();
    return docs.map(toFac);
  }
}

function toTerminal(d: TerminalDoc): StoredTerminal {
  return {
    ptp: partyOf(d.partyKey),
    terminal: JSON.parse(d.json) as Terminal,
    ...(d.deactivatedAt ? { deactivatedAt: d.deactivatedAt } : {}),
  };
}

function toFac(d: FacDoc): StoredFac {
  return {
    ptp: partyOf(d.partyKey),
    fac: JSON.parse(d.json) as FinancialAdviceConfirmation,
    event: d.event ? (JSON.parse(d.event) as EventEnvelope) : undefined,
    published: d.published,
  };
}
