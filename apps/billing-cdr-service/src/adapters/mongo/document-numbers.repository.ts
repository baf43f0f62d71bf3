import type { PartyRef } from '@tapcharge/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { DocumentNumbers, Reservation } from '../../application/ports/document-numbers.port';
import { seriesKey, type DocumentSeries } from '../../domain/invoice/document-number';

export const CLAIMS_COLLECTION = 'document_number_claims';
export const HINTS_COLLECTION = 'document_number_hints';
const OP_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 10_000;
const DUPLICATE_KEY = 11000;

interface ClaimDocument {
  /** `<series key>:<sequence>`: the unique index that makes a number belong to exactly one key. */
  _id: string;
  series: string;
  sequence: number;
  /** The document key (unique index: one number per document). */
  key: string;
  reservedAt: string;
  filled: boolean;
  filledAt?: string;
}

interface HintDocument {
  _id: string;
  last: number;
}

/**
 * The number register: one claim document per issued number, created by an insert whose `_id` is the
 * number. Unique-key inserts are the one write FerretDB v1 keeps atomic under concurrent clients (its
 * conditional updates and `$inc` lose updates, measured: ADR 0007), so numbers are claimed, never counted:
 * the next number is tried from a hint (the highest claimed number seen, kept loosely) upwards, and an
 * insert that hits an existing number moves on to the next. A number is claimed only when every lower one
 * is, so there are no gaps; `_id` and the unique `key` index rule out duplicates.
 */
export class MongoDocumentNumbers implements DocumentNumbers {
  private readonly claims: Collection<ClaimDocument>;
  private readonly hints: Collection<HintDocument>;

  constructor(
    conn: Connection,
    private readonly cpo: PartyRef,
  ) {
    this.claims = conn.collection<ClaimDocument>(CLAIMS_COLLECTION) as unknown as Collection<ClaimDocument>;
    this.hints = conn.collection<HintDocument>(HINTS_COLLECTION) as unknown as Collection<HintDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.claims.createIndex({ key: 1 }, { unique: true });
    await this.claims.createIndex({ series: 1, filled: 1 });
  }

  async reserve(series: DocumentSeries, key: string, now: Date): Promise<Reservation> {
    const sk = seriesKey(this.cpo, series);
    let next = (await this.hint(sk)) + 1;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const held = await this.claims.findOne({ key }, { maxTimeMS: OP_TIMEOUT_MS });
      if (held) return toReservation(held);
      const claim: ClaimDocument = {
        _id: `${sk}:${String(next).padStart(12, '0')}`,
        series: sk,
        sequence: next,
        key,
        reservedAt: now.toISOString(),
        filled: false,
      };
      try {
        await this.claims.insertOne(claim);
        await this.raiseHint(sk, next);
        return toReservation(claim);
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
        next += 1; // the number is taken (or the key was claimed meanwhile: found on the next pass)
      }
    }
    throw new Error(`could not claim a ${series} number for ${key}`);
  }

  async markFilled(series: DocumentSeries, key: string, now: Date): Promise<void> {
    await this.claims.updateOne(
      { key, series: seriesKey(this.cpo, series), filled: false },
      { $set: { filled: true, filledAt: now.toISOString() } },
      { maxTimeMS: OP_TIMEOUT_MS },
    );
  }

  async unfilled(series: DocumentSeries): Promise<Reservation[]> {
    const docs = await this.claims
      .find(
        { series: seriesKey(this.cpo, series), filled: false },
        { maxTimeMS: OP_TIMEOUT_MS, limit: 1_000 },
      )
      .toArray();
    return docs.map(toReservation).sort((a, b) => a.sequence - b.sequence);
  }

  /** Where to start probing: at most the highest claimed number (a stale hint only costs retries). */
  private async hint(sk: string): Promise<number> {
    return (await this.hints.findOne({ _id: sk }, { maxTimeMS: OP_TIMEOUT_MS }))?.last ?? 0;
  }

  private async raiseHint(sk: string, sequence: number): Promise<void> {
    // Not atomic on FerretDB v1 and it need not be: the hint only ever holds a claimed number.
    await this.hints.updateOne(
      { _id: sk, last: { $lt: sequence } },
      { $set: { last: sequence } },
      { maxTimeMS: OP_TIMEOUT_MS },
    );
    try {
      await this.hints.insertOne({ _id: sk, last: sequence });
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    }
  }
}

function toReservation(c: ClaimDocument): Reservation {
  return { key: c.key, sequence: c.sequence, reservedAt: c.reservedAt, filled: c.filled };
}
