import type { PartyRef } from '@tapcharge/contracts';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { DocumentNumbers } from '../../application/ports/document-numbers.port';
import { seriesKey, type DocumentSeries } from '../../domain/invoice/document-number';
import {
  EMPTY_COUNTER,
  releaseNumber,
  reserveNumber,
  type Reservation,
  type SeriesCounter,
} from '../../domain/invoice/number-reservation';

export const COUNTERS_COLLECTION = 'document_counters';
const OP_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 200;
const DUPLICATE_KEY = 11000;

interface CounterDocument extends SeriesCounter {
  _id: string;
}

/**
 * Gap-free numbering on one counter document per series: each write is a compare-and-swap on `rev` that
 * `$inc`s the counter and records the reservation in the same document (atomic on FerretDB v1, which has
 * no transactions), so a number never exists without the key it belongs to.
 */
export class MongoDocumentNumbers implements DocumentNumbers {
  private readonly counters: Collection<CounterDocument>;

  constructor(
    conn: Connection,
    private readonly cpo: PartyRef,
  ) {
    this.counters = conn.collection<CounterDocument>(
      COUNTERS_COLLECTION,
    ) as unknown as Collection<CounterDocument>;
  }

  async reserve(series: DocumentSeries, key: string, now: Date): Promise<Reservation> {
    const id = seriesKey(this.cpo, series);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const doc = await this.read(id);
      const r = reserveNumber(doc, key, now);
      if (!r.changed) return r.reservation;
      const res = await this.counters.updateOne(
        { _id: id, rev: doc.rev },
        { $inc: { last: 1, rev: 1 }, $set: { pending: r.counter.pending } },
        { maxTimeMS: OP_TIMEOUT_MS },
      );
      if (res.matchedCount === 1) return r.reservation;
      await backoff(attempt);
    }
    throw new Error(`could not reserve a ${series} number for ${key}: counter too contended`);
  }

  async release(series: DocumentSeries, key: string): Promise<void> {
    const id = seriesKey(this.cpo, series);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const doc = await this.read(id);
      const next = releaseNumber(doc, key);
      if (!next) return;
      const res = await this.counters.updateOne(
        { _id: id, rev: doc.rev },
        { $inc: { rev: 1 }, $set: { pending: next.pending } },
        { maxTimeMS: OP_TIMEOUT_MS },
      );
      if (res.matchedCount === 1) return;
      await backoff(attempt);
    }
    throw new Error(`could not release the ${series} reservation of ${key}: counter too contended`);
  }

  async pending(series: DocumentSeries): Promise<Reservation[]> {
    return (await this.read(seriesKey(this.cpo, series))).pending;
  }

  /** The counter, created at 0 on first use (a concurrent creator's insert wins, ours is a no-op). */
  private async read(id: string): Promise<SeriesCounter> {
    const doc = await this.counters.findOne({ _id: id }, { maxTimeMS: OP_TIMEOUT_MS });
    if (doc) return { last: doc.last, rev: doc.rev, pending: doc.pending ?? [] };
    try {
      await this.counters.insertOne({ _id: id, ...EMPTY_COUNTER });
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    }
    return this.read(id);
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(50, 2 * attempt))));
}
