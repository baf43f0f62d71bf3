import { createKafka, ensureTopics, EventPublisher } from '@tapcharge/kafka';
import { createLogger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { infraEnv, kafkaBrokers, uniqueNamespace } from '@tapcharge/testing';
import type { Connection } from 'mongoose';
import { aPaymentConfirmed, aSessionCompleted, CPO, DEMO_LOCATION, SELLER } from '../../../test/builders';
import type { BillingSettings } from '../../application/billing-settings';
import { IssueDocumentsUseCase } from '../../application/issue-documents/issue-documents.use-case';
import { NO_METRICS } from '../../application/ports/billing-metrics.port';
import {
  issuePendingDocument,
  onPaymentConfirmed,
  onSessionCompleted,
  type DecideContext,
} from '../../domain/billing/billing.decider';
import { newBillingRecord, type BillingRecord } from '../../domain/billing/billing-record';
import { formatDocumentNumber } from '../../domain/invoice/document-number';
import { PRODUCED_EVENTS } from '../billing.app';
import { MongoBillingRepository } from './billing.repository';
import { MongoDocumentNumbers } from './document-numbers.repository';

/**
 * Reserve-then-fill on the real store, with the crashes it is designed for simulated between its steps:
 * numbers stay sequential, without gaps or duplicates (ADR 0007).
 */
describe('gap-free document numbering on FerretDB (crash between steps, concurrent issuers)', () => {
  const namespace = uniqueNamespace('numbering');
  const logger = createLogger({ service: 'numbering-it', level: 'warn' });
  const settings: BillingSettings = {
    cpo: CPO,
    seller: SELLER,
    invoiceCreator: 'CPO',
    confirmationDeadlineHours: 24,
    reportTimeZone: 'UTC',
  };
  const clock = { now: () => new Date() };
  const ctx: DecideContext = {
    now: new Date(),
    confirmationDeadlineHours: 24,
    businessDateOf: (iso) => iso.slice(0, 10),
  };
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'numbering-it' });
  const publisher = new EventPublisher(kafka, { namespace });
  let conn: Connection;
  let repository: MongoBillingRepository;
  let numbers: MongoDocumentNumbers;
  let documents: IssueDocumentsUseCase;

  const number = (n: number) => formatDocumentNumber(CPO, 'INV', n);
  async function invoiceDue(n: string): Promise<BillingRecord> {
    const ref = `ref-${n}`;
    let r = newBillingRecord({ countryCode: 'NL', partyId: 'PTP' }, ref, `c-${n}`);
    r = onSessionCompleted(
      r,
      aSessionCompleted({ sessionId: `S-${n}`, authorizationReference: ref }),
      { cpo: CPO, location: DEMO_LOCATION, locationKnown: true, invoiceCreator: 'CPO' },
      ctx,
    ).record;
    r = onPaymentConfirmed(
      r,
      aPaymentConfirmed({ facId: `F-${n}`, authorizationReference: ref }),
      `e-${n}`,
      ctx,
    ).record;
    expect(r.pendingDocument?.kind).toBe('INVOICE');
    await repository.commit(r, undefined, { events: [] });
    return r;
  }
  const invoiceNumberOf = async (r: BillingRecord) =>
    (await repository.load(r.key))?.record.invoice?.invoiceNumber;

  beforeAll(async () => {
    await ensureTopics(
      kafka,
      PRODUCED_EVENTS.map((d) => d.topic),
      { namespace },
    );
    await publisher.start();
    conn = await connectMongo({ url: infraEnv().MONGO_URL, dbName: 'billing', namespace, logger });
    repository = new MongoBillingRepository(conn, publisher, logger);
    await repository.ensureIndexes();
    numbers = new MongoDocumentNumbers(conn, CPO);
    await numbers.ensureIndexes();
    documents = new IssueDocumentsUseCase(repository, numbers, settings, clock, NO_METRICS, logger);
  });

  afterAll(async () => {
    await conn?.close();
    await publisher.stop();
  });

  it('a crash after reserving: the next invoice skips the held number, recovery fills it', async () => {
    const a = await invoiceDue('a');
    await numbers.reserve('INV', `${a.key}#INV`, new Date()); // ...and the process dies here
    const b = await invoiceDue('b');
    await documents.issue(b.key);
    expect(await invoiceNumberOf(b)).toBe(number(2));
    expect((await numbers.unfilled('INV')).map((r) => r.sequence)).toEqual([1]);

    expect(await documents.recover(0)).toBeGreaterThanOrEqual(1);
    expect(await invoiceNumberOf(a)).toBe(number(1));
    expect(await numbers.unfilled('INV')).toEqual([]);
  });

  it('concurrent issuers of one invoice share one number; the next invoice follows without a gap', async () => {
    const c = await invoiceDue('c');
    await Promise.all([documents.issue(c.key), documents.issue(c.key), documents.issue(c.key)]);
    const d = await invoiceDue('d');
    await documents.issue(d.key);
    expect([await invoiceNumberOf(c), await invoiceNumberOf(d)]).toEqual([number(3), number(4)]);
  });

  it('a crash after storing the invoice (before marking the reservation): recovery only marks it', async () => {
    const e = await invoiceDue('e');
    const reservation = await numbers.reserve('INV', `${e.key}#INV`, new Date());
    const stored = await repository.load(e.key);
    if (!stored) throw new Error('record e not stored');
    const filled = issuePendingDocument(
      stored.record,
      number(reservation.sequence),
      reservation.reservedAt,
      SELLER,
    );
    await repository.commit(filled.record, stored, { events: [] }); // ...and the process dies here
    await documents.recover(0);
    expect(await invoiceNumberOf(e)).toBe(number(5));
    expect(await numbers.unfilled('INV')).toEqual([]);
  });

  it('a crash after recording the capture (before reserving): recovery numbers it next', async () => {
    const f = await invoiceDue('f');
    await documents.recover(0);
    expect(await invoiceNumberOf(f)).toBe(number(6));
  });

  it('many invoices at once: 1..n, each once', async () => {
    const due = await Promise.all(Array.from({ length: 12 }, (_, i) => invoiceDue(`many-${i}`)));
    await Promise.all(due.map((r) => documents.issue(r.key)));
    const got = await Promise.all(due.map((r) => invoiceNumberOf(r)));
    expect([...got].sort()).toEqual(Array.from({ length: 12 }, (_, i) => number(7 + i)));
  }, 60_000);
});
