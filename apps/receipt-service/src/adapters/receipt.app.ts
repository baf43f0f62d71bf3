import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createKafka, ensureTopics } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import { connectMongo } from '@tapcharge/persistence';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerConsumerLag } from '@tapcharge/service-runtime';
import { GetReceiptUseCase } from '../application/get-receipt.use-case';
import { LiveUpdatesHub } from '../application/live-updates.hub';
import { ProjectReceiptEventsUseCase } from '../application/project-receipt-events.use-case';
import { RECEIPT_EVENTS } from '../application/receipt-event.mapper';
import type { ReceiptConfig } from '../config';
import { negotiateLocale } from '../domain/i18n/locale.negotiator';
import { installReceiptHooks } from './http/fastify-hooks';
import { sendNotFound } from './http/html-reply';
import { securityHeaders } from './http/security-headers';
import { OpenStreams } from './http/live-stream';
import { ReceiptRateLimiter, StreamSlots } from './http/rate-limiter';
import { ReceiptHttpMetrics } from './http/receipt-http.metrics';
import { ReceiptHttpModule } from './http/receipt-http.module';
import type { ReceiptServices } from './http/receipt-services';
import { createReceiptConsumer } from './kafka/receipt-event.consumer';
import { MongoReceiptRepository } from './mongo/receipt.repository';

const SERVICE = 'receipt-service';

export interface RunningReceiptService {
  app: NestFastifyApplication;
  /** http://host:port the server listens on. */
  url: string;
  /** PUBLIC_BASE_URL + '/receipts/'. */
  invoiceBaseUrl: string;
  close(): Promise<void>;
}

/**
 * Composition root: the store (one document per authorization_reference), the Kafka projection of the
 * session, billing and payment events, and the Nest/fastify HTTP server on RECEIPT_PORT (0 = any free port).
 */
export async function startReceiptService(
  config: ReceiptConfig,
  logger: Logger,
): Promise<RunningReceiptService> {
  const conn = await connectMongo({
    url: config.MONGO_URL,
    dbName: 'receipt_service',
    namespace: config.NAMESPACE,
    logger,
  });
  const repository = new MongoReceiptRepository(conn);
  const hub = new LiveUpdatesHub();

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger });
  await ensureTopics(
    kafka,
    RECEIPT_EVENTS.map((d) => d.topic),
    { namespace: config.NAMESPACE },
  );
  const consumer = createReceiptConsumer(
    kafka,
    { groupId: config.KAFKA_GROUP_ID, namespace: config.NAMESPACE, logger },
    new ProjectReceiptEventsUseCase(repository, hub, logger),
  );

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerConsumerLag(registry, () => consumer.lag());
  const streamSlots = new StreamSlots(config.SSE_MAX_PER_IP, config.SSE_MAX_STREAMS);
  const openStreams = new OpenStreams();
  let consumerJoined = false;
  const invoiceBaseUrl = `${config.PUBLIC_BASE_URL}/receipts/`;
  const services: ReceiptServices = {
    getReceipt: new GetReceiptUseCase(repository),
    hub,
    limiter: new ReceiptRateLimiter({
      overall: { capacity: config.RATE_LIMIT_BURST, refillPerSecond: config.RATE_LIMIT_PER_SECOND },
      notFound: { capacity: config.NOT_FOUND_BURST, refillPerSecond: config.NOT_FOUND_PER_MINUTE / 60 },
    }),
    streamSlots,
    openStreams,
    stream: {
      pollMs: config.SSE_POLL_MS,
      keepaliveMs: config.SSE_KEEPALIVE_MS,
      maxLifetimeMs: config.SSE_MAX_LIFETIME_MS,
    },
    invoiceBaseUrl,
    timeZone: config.DISPLAY_TIME_ZONE,
    https: config.PUBLIC_BASE_URL.startsWith('https:'),
    logger,
    registry,
    metrics: new ReceiptHttpMetrics(registry, () => streamSlots.open),
    readiness: async () => ({ store: await repository.ping(), kafka: consumerJoined }),
  };

  const adapter = new FastifyAdapter({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 16_384,
    trustProxy: config.TRUST_PROXY,
    // An encoded CiString(36) is at most 108 characters.
    routerOptions: { maxParamLength: 200 },
    // A path that is not valid percent-encoding (e.g. `/receipts/%E0%A4%A`) cannot name a reference: the
    // friendly 404 in the driver's language, counted as a miss, instead of fastify's JSON 400.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      if (error.code !== 'FST_ERR_BAD_URL') {
        void reply.status(400).send();
        return;
      }
      services.limiter.recordUnknownReference(req.ip);
      void reply.headers(securityHeaders(services.https)); // route hooks do not run before routing
      void sendNotFound(reply, negotiateLocale(req.headers['accept-language']).messages);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ReceiptHttpModule.with(services), adapter, {
    logger: ['error', 'warn'],
  });
  installReceiptHooks(app.getHttpAdapter().getInstance(), services);
  await app.listen(config.RECEIPT_PORT, config.RECEIPT_HOST);
  const address = app.getHttpAdapter().getInstance().server.address();
  const port = typeof address === 'object' && address ? address.port : config.RECEIPT_PORT;
  const url = `http://${config.RECEIPT_HOST === '0.0.0.0' ? '127.0.0.1' : config.RECEIPT_HOST}:${port}`;

  const joined = consumer.start().then(() => (consumerJoined = true));
  joined.catch((err: unknown) => logger.error({ err }, 'Kafka consumer did not join'));
  logger.info({ url, invoiceBaseUrl }, 'receipt service listening');

  return {
    app,
    url,
    invoiceBaseUrl,
    async close() {
      openStreams.closeAll();
      await app.close();
      await consumer.stop().catch(() => undefined);
      await conn.close();
    },
  };
}
