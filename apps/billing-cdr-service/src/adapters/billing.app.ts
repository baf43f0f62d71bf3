import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS } from '@tapcharge/contracts';
import { createKafka, ensureTopics, EventConsumer, EventPublisher } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import { registerConsumerLag } from '@tapcharge/service-runtime';
import { connectMongo, pingMongo } from '@tapcharge/persistence';
import type { Kafka } from 'kafkajs';
import { PRODUCER } from '../application/billing-settings';
import { CompleteSessionUseCase } from '../application/complete-session/complete-session.use-case';
import { CheckConfirmationDeadlinesUseCase } from '../application/confirmation-deadline/check-confirmation-deadlines.use-case';
import { ConfirmPaymentUseCase } from '../application/confirm-payment/confirm-payment.use-case';
import { IssueCreditNoteUseCase } from '../application/credit-note/issue-credit-note.use-case';
import { IssueDocumentsUseCase } from '../application/issue-documents/issue-documents.use-case';
import { FindBillingUseCase } from '../application/lookup/find-billing.use-case';
import { systemClock, type Clock } from '../application/ports/clock.port';
import { ReconciliationReportUseCase } from '../application/reconciliation/reconciliation-report.use-case';
import { settingsFrom, type BillingConfig } from '../config';
import { PromBillingMetrics } from './billing.metrics';
import { BillingErrorFilter } from './http/billing-error.filter';
import { BillingHttpModule } from './http/billing-http.module';
import { billingEventHandler, CONSUMED_EVENTS } from './kafka/billing-event.consumer';
import { MongoBillingRepository } from './mongo/billing.repository';
import { MongoDocumentNumbers } from './mongo/document-numbers.repository';
import { loadLocationDirectory } from './seed/location-directory.loader';

export const PRODUCED_EVENTS = [EVENTS.CdrCreated, EVENTS.InvoiceIssued, EVENTS.ReconciliationMismatch];

export interface RunningBilling {
  /** http://127.0.0.1:port of the admin/ops server. */
  url: string;
  port: number;
  /** One pass of the periodic jobs, for tests and operators. */
  checkDeadlines(): Promise<number>;
  recoverDocuments(): Promise<number>;
  close(): Promise<void>;
}

export interface BillingOverrides {
  clock?: Clock;
}

/**
 * Composition root: store, Kafka (consumer of SessionCompleted + PaymentConfirmed, batching publisher),
 * use cases, start-up recovery (unsent outboxes, interrupted document numbering), periodic jobs (confirmation
 * deadlines, recovery), and the admin/ops HTTP server on BILLING_PORT (0 = any free port).
 */
export async function startBilling(
  config: BillingConfig,
  logger: Logger,
  overrides: BillingOverrides = {},
): Promise<RunningBilling> {
  const settings = settingsFrom(config);
  const clock = overrides.clock ?? systemClock;
  const conn = await connectMongo({
    url: config.MONGO_URL,
    dbName: 'billing',
    namespace: config.NAMESPACE,
    logger,
  });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: PRODUCER, logger });
  await ensureTopics(
    kafka,
    [...CONSUMED_EVENTS, ...PRODUCED_EVENTS].map((d) => d.topic),
    { namespace: config.NAMESPACE },
  );
  const publisher = new EventPublisher(kafka, { namespace: config.NAMESPACE, logger });
  await publisher.start();

  const repository = new MongoBillingRepository(conn, publisher, logger);
  await repository.ensureIndexes();
  const numbers = new MongoDocumentNumbers(conn, settings.cpo);
  await numbers.ensureIndexes();
  const locations = loadLocationDirectory(config.LOCATIONS_SEED, (reason) => logger.warn(reason));
  const metrics = new PromBillingMetrics();

  const documents = new IssueDocumentsUseCase(repository, numbers, settings, clock, metrics, logger);
  const completeSession = new CompleteSessionUseCase(
    repository,
    locations,
    documents,
    settings,
    clock,
    metrics,
    logger,
  );
  const confirmPayment = new ConfirmPaymentUseCase(repository, documents, settings, clock, metrics, logger);
  const deadlines = new CheckConfirmationDeadlinesUseCase(repository, settings, clock, metrics, logger);

  // What a crash left behind, before consuming: unsent events, then documents reserved but not stored.
  const resent = await repository.relay.recover();
  const resumed = await documents.recover(0);
  if (resent || resumed) logger.info({ resent, resumed }, 'recovered work left by a previous run');
  repository.relay.start();

  const consumer = new EventConsumer(kafka, {
    groupId: config.KAFKA_GROUP_ID,
    namespace: config.NAMESPACE,
    events: CONSUMED_EVENTS,
    deadLetterPublisher: publisher,
    logger,
    handle: billingEventHandler({ session: completeSession, payment: confirmPayment }),
  });
  await consumer.start();
  registerConsumerLag(metrics.registry, () => consumer.lag());

  const timers = [
    every(config.DEADLINE_CHECK_INTERVAL_S, () => deadlines.execute(), 'confirmation deadline check', logger),
    every(config.RECOVERY_INTERVAL_S, () => documents.recover(), 'document recovery', logger),
  ];

  const app = await NestFactory.create<NestFastifyApplication>(
    BillingHttpModule.with(
      {
        report: new ReconciliationReportUseCase(repository, settings, clock),
        find: new FindBillingUseCase(repository),
        creditNote: new IssueCreditNoteUseCase(repository, documents, settings, clock),
      },
      {
        readiness: async () => ({ store: await pingMongo(conn), kafka: await kafkaReachable(kafka) }),
        metrics: async () => ({
          contentType: metrics.registry.contentType,
          body: await metrics.registry.metrics(),
        }),
      },
      config.ADMIN_TOKEN,
    ),
    new FastifyAdapter(),
    { logger: false },
  );
  app.useGlobalFilters(new BillingErrorFilter(logger));
  await app.listen(config.BILLING_PORT, config.BILLING_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.BILLING_PORT;
  logger.info({ port, group: config.KAFKA_GROUP_ID }, 'billing service ready');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    checkDeadlines: () => deadlines.execute(),
    recoverDocuments: () => documents.recover(0),
    async close() {
      for (const t of timers) t.stop();
      await consumer.stop();
      await app.close();
      await Promise.all(timers.map((t) => t.idle()));
      await repository.relay.stop();
      await publisher.stop();
      await conn.close();
    },
  };
}

/** A periodic job that never overlaps itself and can be awaited at shutdown. */
function every(seconds: number, job: () => Promise<unknown>, name: string, logger: Logger) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = job()
      .catch((err: unknown) => logger.warn({ err }, `${name} failed`))
      .finally(() => (running = undefined));
  }, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: () => running ?? Promise.resolve() };
}

async function kafkaReachable(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await Promise.race([
      admin.connect().then(() => admin.describeCluster()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000)),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
