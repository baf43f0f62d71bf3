import {
  createEvent,
  EVENTS,
  type EventEnvelope,
  type PaymentConfirmedPayload,
  type SessionCompletedPayload,
} from '@tapcharge/contracts';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { infraEnv, kafkaBrokers, REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { aPaymentConfirmed, aSessionCompleted } from '../test/builders';
import { startBilling, type RunningBilling } from './adapters/billing.app';
import { BillingEnv } from './config';
import { cdrIdOf } from './domain/cdr/cdr-id';
import { sequenceOf } from './domain/invoice/document-number';

const run = promisify(execFile);
const TOKEN = 'it-admin-token-0123456789';
const DAY = '2026-03-12';
/** The acceptance day: one payment of each capture status, nothing else. */
const ACCEPTANCE_DAY = '2026-03-13';
const connector = {
  locationId: 'LOC-001',
  evseUid: 'LOC-001-EVSE-01',
  connectorId: '1',
  stationId: 'CS-001',
  ocppEvseId: 1,
  ocppConnectorId: 1,
};

describe('billing-cdr-service against real Kafka and FerretDB', () => {
  const namespace = uniqueNamespace('billing');
  const logger = createLogger({ service: 'billing-it', level: 'warn' });
  const config = BillingEnv.parse({
    ...infraEnv(),
    NAMESPACE: namespace,
    BILLING_PORT: '0',
    BILLING_HOST: '127.0.0.1',
    ADMIN_TOKEN: TOKEN,
    LOG_LEVEL: 'warn',
    LOCATIONS_SEED: join(REPO_ROOT, 'deploy/seed/locations.json'),
    DEADLINE_CHECK_INTERVAL_S: '3600',
  });
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const publisher = new EventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'billing-it' }), {
    namespace,
  });
  const recorder = new EventRecorder(
    kafkaBrokers(),
    [EVENTS.CdrCreated, EVENTS.InvoiceIssued, EVENTS.ReconciliationMismatch],
    namespace,
  );
  let billing: RunningBilling;

  const session = (
    n: string,
    overrides: Parameters<typeof aSessionCompleted>[0] = {},
  ): SessionCompletedPayload =>
    aSessionCompleted({
      sessionId: `S-${n}`,
      authorizationReference: `ref-${n}`,
      connector,
      charge: { start: `${DAY}T10:00:00Z`, minutes: 60, powerW: 10_800 },
      ...overrides,
    });
  const fac = (n: string, overrides: Partial<PaymentConfirmedPayload> = {}): PaymentConfirmedPayload =>
    aPaymentConfirmed({ facId: `FAC-${n}`, authorizationReference: `ref-${n}`, ...overrides });
  const envelope = <P extends SessionCompletedPayload | PaymentConfirmedPayload>(
    payload: P,
  ): EventEnvelope =>
    'sessionId' in payload
      ? createEvent(EVENTS.SessionCompleted, payload as SessionCompletedPayload, {
          producer: 'it',
          authorizationReference: payload.authorizationReference,
        })
      : createEvent(EVENTS.PaymentConfirmed, payload as PaymentConfirmedPayload, {
          producer: 'it',
          authorizationReference: payload.authorizationReference,
        });
  const send = (...payloads: Array<SessionCompletedPayload | PaymentConfirmedPayload>) =>
    publisher.publish(payloads.map((p) => envelope(p)));
  const ofRef = (type: string, ref: string) =>
    recorder
      .events(type)
      .filter((e) => (e.payload as { authorizationReference: string }).authorizationReference === ref);
  const distinctIds = (events: EventEnvelope[]) => new Set(events.map((e) => e.eventId)).size;
  const waitEvent = (type: string, ref: string, pred: (p: Record<string, unknown>) => boolean = () => true) =>
    recorder.waitFor(
      (e) =>
        e.type === type &&
        (e.payload as { authorizationReference: string }).authorizationReference === ref &&
        pred(e.payload as Record<string, unknown>),
      30_000,
      `${type} for ${ref}`,
    );
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${billing.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
      signal: AbortSignal.timeout(10_000),
    });

  beforeAll(async () => {
    await publisher.start();
    billing = await startBilling(config, logger, { clock });
    await recorder.start();
  });

  afterAll(async () => {
    await billing?.close();
    await recorder.stop();
    await publisher.stop();
  });

  it('serves /health, /ready, /metrics and refuses the admin API without the token', async () => {
    expect((await fetch(`${billing.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${billing.url}/ready`)).json()).toEqual({
      status: 'ready',
      checks: { store: true, kafka: true },
    });
    expect(await (await fetch(`${billing.url}/metrics`)).text()).toMatch(/billing_cdrs_created_total/);
    expect((await fetch(`${billing.url}/admin/reconciliation?date=${DAY}`)).status).toBe(401);
    expect((await admin('/admin/reconciliation?date=2026-02-30')).status).toBe(400);
  });

  it('a completed session yields exactly one CDR, through redeliveries and a restart of the service', async () => {
    const s = session('once');
    const first = envelope(s);
    await publisher.publish([first, first]);
    const cdr = await waitEvent('CdrCreated', 'ref-once');
    expect((cdr.payload as { cdrId: string }).cdrId).toBe(cdrIdOf('S-once'));
    await send(s); // the same session again under a new event id (a replaying producer)

    await billing.close();
    billing = await startBilling(config, logger, { clock });
    await publisher.publish([first, envelope(s)]);
    await send(session('after-restart'));
    await waitEvent('CdrCreated', 'ref-after-restart');
    await new Promise((r) => setTimeout(r, 1_000));

    expect(distinctIds(ofRef('CdrCreated', 'ref-once'))).toBe(1);
    const view = (await (await admin('/admin/cdrs/ref-once')).json()) as {
      cdr: { id: string; total_cost: unknown };
    };
    expect(view.cdr.id).toBe(cdrIdOf('S-once'));
    expect(view.cdr.total_cost).toEqual({ excl_vat: 5.2661, incl_vat: 6.372 });
  });

  it('a confirmation that arrives before its CDR waits, then the invoice is issued with the EFT lines as received', async () => {
    const eft = ['VISA', 'AID: A0000000031010', 'Nr: **** **** **** 9876', 'SEQ: 01', 'Amount: EUR 6.37'];
    await send(fac('early', { captured: { inclVat: '6.37', currency: 'EUR' }, eftData: eft }));
    await waitFor(async () => (await admin('/admin/invoices/ref-early')).status === 404, {
      timeoutMs: 10_000,
    });
    await send(fac('early', { captured: { inclVat: '6.37', currency: 'EUR' }, eftData: eft })); // duplicate FAC
    await send(session('early'));
    const inv = await waitEvent('InvoiceIssued', 'ref-early');
    expect(inv.payload).toMatchObject({
      kind: 'INVOICE',
      totalInclVat: '6.37',
      eftData: eft,
      cdrId: cdrIdOf('S-early'),
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(distinctIds(ofRef('InvoiceIssued', 'ref-early'))).toBe(1);
    expect(ofRef('ReconciliationMismatch', 'ref-early')).toEqual([]);
  });

  it('SUCCESS, PARTIAL_SUCCESS and FAILED captures -> invoices and mismatches; the day report shows them (acceptance)', async () => {
    const onAcceptanceDay = (n: string) =>
      session(n, { charge: { start: `${ACCEPTANCE_DAY}T10:00:00Z`, minutes: 60, powerW: 10_800 } });
    await send(...['ok', 'partial', 'failed', 'over', 'unconfirmed'].map(onAcceptanceDay));
    for (const n of ['ok', 'partial', 'failed', 'over', 'unconfirmed'])
      await waitEvent('CdrCreated', `ref-${n}`);
    await send(
      fac('ok', { captureStatus: 'SUCCESS', captured: { inclVat: '6.37', currency: 'EUR' } }),
      fac('partial', {
        captureStatus: 'PARTIAL_SUCCESS',
        captured: { inclVat: '4.00', currency: 'EUR' },
        captureStatusMessage: 'insufficient funds',
      }),
      fac('failed', { captureStatus: 'FAILED', captured: { inclVat: '0.00', currency: 'EUR' }, eftData: [] }),
      fac('over', { captureStatus: 'SUCCESS', captured: { inclVat: '7.00', currency: 'EUR' } }),
    );
    expect((await waitEvent('InvoiceIssued', 'ref-ok')).payload).toMatchObject({ totalInclVat: '6.37' });
    expect((await waitEvent('InvoiceIssued', 'ref-partial')).payload).toMatchObject({
      totalInclVat: '4.00',
      totalExclVat: '3.31',
      totalVat: '0.69',
    });
    expect((await waitEvent('InvoiceIssued', 'ref-over')).payload).toMatchObject({ totalInclVat: '6.37' });
    await waitEvent('ReconciliationMismatch', 'ref-partial', (p) => p['kind'] === 'CAPTURE_PARTIAL');
    await waitEvent('ReconciliationMismatch', 'ref-failed', (p) => p['kind'] === 'CAPTURE_FAILED');
    await waitEvent('ReconciliationMismatch', 'ref-over', (p) => p['kind'] === 'CAPTURED_MORE_THAN_CDR');

    offsetMs = 25 * 3_600_000; // past CONFIRMATION_DEADLINE_HOURS (24)
    expect(await billing.checkDeadlines()).toBeGreaterThanOrEqual(1);
    await waitEvent('ReconciliationMismatch', 'ref-unconfirmed', (p) => p['kind'] === 'MISSING_CONFIRMATION');
    expect(await billing.checkDeadlines()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(ofRef('InvoiceIssued', 'ref-failed')).toEqual([]);
    for (const n of ['ok', 'partial', 'failed', 'over', 'unconfirmed']) {
      const kinds = ofRef('ReconciliationMismatch', `ref-${n}`).map(
        (e) => (e.payload as { kind: string }).kind,
      );
      expect([n, new Set(kinds).size]).toEqual([n, kinds.length]); // each mismatch raised once
    }

    const report = (await (await admin(`/admin/reconciliation?date=${ACCEPTANCE_DAY}`)).json()) as {
      sessions: number;
      rows: Array<{
        authorizationReference: string;
        mismatches: string[];
        status: string;
        capturedInclVat?: string;
        invoicedInclVat?: string;
      }>;
    };
    expect(report.sessions).toBe(5);
    const row = (n: string) => report.rows.find((r) => r.authorizationReference === `ref-${n}`);
    expect(row('ok')).toMatchObject({
      status: 'OK',
      mismatches: [],
      capturedInclVat: '6.37',
      invoicedInclVat: '6.37',
    });
    expect(row('partial')).toMatchObject({
      status: 'MISMATCH',
      mismatches: ['CAPTURE_PARTIAL'],
      invoicedInclVat: '4.00',
    });
    expect(row('failed')).toMatchObject({ status: 'MISMATCH', mismatches: ['CAPTURE_FAILED'] });
    expect(row('over')).toMatchObject({ status: 'MISMATCH', mismatches: ['CAPTURED_MORE_THAN_CDR'] });
    expect(row('unconfirmed')).toMatchObject({ status: 'MISMATCH', mismatches: ['MISSING_CONFIRMATION'] });

    const base = [
      'run',
      '-s',
      'billing',
      '--',
      'reconcile',
      '--date',
      ACCEPTANCE_DAY,
      '--url',
      billing.url,
      '--token',
      TOKEN,
    ];
    const json = await run('npm', base, { cwd: REPO_ROOT, timeout: 45_000 });
    expect(JSON.parse(json.stdout)).toMatchObject({
      date: ACCEPTANCE_DAY,
      byStatus: { OK: 1, MISMATCH: 4, PENDING: 0, NOT_BILLED: 0 },
      mismatchesByKind: {
        CAPTURE_PARTIAL: 1,
        CAPTURE_FAILED: 1,
        CAPTURED_MORE_THAN_CDR: 1,
        MISSING_CONFIRMATION: 1,
      },
      totals: [
        {
          currency: 'EUR',
          authorisedInclVat: '250.00',
          cdrInclVat: '31.85',
          capturedInclVat: '17.37',
          invoicedInclVat: '16.74',
        },
      ],
    });
    const csv = await run('npm', [...base, '--format', 'csv'], { cwd: REPO_ROOT, timeout: 45_000 });
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^date,authorization_reference,/);
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes('ref-failed'))).toMatch(/,FAILED,.*CAPTURE_FAILED,MISMATCH$/);
    await expect(
      run('npm', ['run', '-s', 'billing', '--', 'reconcile', '--date', '12-03-2026'], { cwd: REPO_ROOT }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--date must be a calendar date/),
    });
  }, 120_000);

  it('a charger that did not stop: the CDR is capped at the authorised amount and the mismatch raised', async () => {
    await send(
      session('runaway', {
        limitInclVat: { amount: '5.00', currency: 'EUR' },
        flaggedForReconciliation: true,
      }),
    );
    const cdr = await waitEvent('CdrCreated', 'ref-runaway');
    expect((cdr.payload as { total: unknown }).total).toEqual({
      exclVat: '4.1322',
      inclVat: '5.0000',
      currency: 'EUR',
    });
    await waitEvent('ReconciliationMismatch', 'ref-runaway', (p) => p['kind'] === 'CDR_ABOVE_AUTHORISED');
    await waitEvent('ReconciliationMismatch', 'ref-runaway', (p) => p['kind'] === 'STOP_NOT_CONFIRMED');
  });

  it('corrections by credit note: own number, the invoice unchanged, only once', async () => {
    const inv = (await (await admin('/admin/invoices/ref-ok')).json()) as {
      invoice: { invoiceNumber: string; totalInclVat: string };
    };
    const res = await admin(`/admin/invoices/${inv.invoice.invoiceNumber}/credit-note`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'driver charged on the wrong connector' }),
    });
    expect(res.status).toBe(201);
    const note = (await res.json()) as {
      invoiceNumber: string;
      kind: string;
      correctsInvoiceNumber: string;
      totalInclVat: string;
    };
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      correctsInvoiceNumber: inv.invoice.invoiceNumber,
      totalInclVat: '-6.37',
    });
    expect(note.invoiceNumber).toMatch(/^NLTPC-CN-\d{8}$/);
    await waitEvent('InvoiceIssued', 'ref-ok', (p) => p['kind'] === 'CREDIT_NOTE');
    const again = await admin(`/admin/invoices/${inv.invoice.invoiceNumber}/credit-note`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'twice' }),
    });
    expect(again.status).toBe(409);
    const after = (await (await admin('/admin/invoices/ref-ok')).json()) as {
      invoice: unknown;
      creditNotes: unknown[];
    };
    expect(after.invoice).toEqual(inv.invoice);
    expect(after.creditNotes).toHaveLength(1);
  });

  it('invoice numbers are sequential without gaps or duplicates, also under concurrent captures', async () => {
    const batch = Array.from({ length: 8 }, (_, i) => `batch-${i}`);
    await send(...batch.map((n) => session(n)));
    await send(...batch.map((n) => fac(n)));
    for (const n of batch) await waitEvent('InvoiceIssued', `ref-${n}`);
    const numbers = [
      ...new Set(
        recorder
          .events('InvoiceIssued')
          .filter((e) => (e.payload as { kind: string }).kind === 'INVOICE')
          .map((e) => (e.payload as { invoiceNumber: string }).invoiceNumber),
      ),
    ];
    const sequences = numbers.map((n) => sequenceOf(n) as number).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    const refs = new Set(
      recorder
        .events('InvoiceIssued')
        .filter((e) => (e.payload as { kind: string }).kind === 'INVOICE')
        .map((e) => (e.payload as { authorizationReference: string }).authorizationReference),
    );
    expect(refs.size).toBe(sequences.length);
  }, 90_000);
  it('exports its consumer lag per partition once it has consumed', async () => {
    const metrics = await (await fetch(`${billing.url}/metrics`)).text();
    expect(metrics).toMatch(/kafka_consumer_lag\{partition="[^"]+"\} \d+/);
  });
});
