import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TariffChangedV1 } from '@tapcharge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createKafka, ensureTopics, EventPublisher } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import { connectMongo, pingMongo } from '@tapcharge/persistence';
import { AssignTariffUseCase } from '../application/assign-tariff/assign-tariff.use-case';
import { DeleteTariffUseCase } from '../application/delete-tariff/delete-tariff.use-case';
import { DisplayPriceUseCase } from '../application/display-price/display-price.use-case';
import { systemClock, type Clock } from '../application/ports/clock.port';
import { PutTariffUseCase } from '../application/put-tariff/put-tariff.use-case';
import { QueryTariffsUseCase } from '../application/query-tariffs/query-tariffs.use-case';
import { SeedTariffsUseCase, type SeedReport } from '../application/seed-tariffs/seed-tariffs.use-case';
import { TariffChanges } from '../application/tariff-changes';
import type { TariffConfig } from '../config';
import { toErrorReply } from './http/http-error.filter';
import { TariffHttpModule } from './http/tariff-http.module';
import { OutboxTariffChangePublisher } from './kafka/outbox-tariff-change.publisher';
import { TariffMetrics } from './metrics/tariff.metrics';
import { MongoTariffRepository } from './mongo/tariff.repository';
import { readTariffSeed } from './seed/tariff-seed.reader';

export const SERVICE = 'tariff-service';

/** The events this service produces; their topics are created if missing (idempotent). */
export const PRODUCED_EVENTS = [TariffChangedV1] as const;

export interface RunningTariffService {
  /** http://host:port of the admin API. */
  url: string;
  port: number;
  /** What the seed did at this start (undefined when TARIFFS_SEED is empty). */
  seed: SeedReport | undefined;
  close(): Promise<void>;
}

export interface TariffServiceOptions {
  clock?: Clock;
}

/**
 * Composition root: Kafka topics and publisher, the store, outbox recovery (before anything new is written),
 * the seed, then the HTTP server on TARIFF_PORT (0 = any free port).
 */
export async function startTariffService(
  config: TariffConfig,
  log: Logger,
  options: TariffServiceOptions = {},
): Promise<RunningTariffService> {
  const clock = options.clock ?? systemClock;
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse())
      await s().catch((err: unknown) => log.warn({ err }, 'stop step failed'));
  };
  try {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger: log });
    await ensureTopics(
      kafka,
      PRODUCED_EVENTS.map((d) => d.topic),
      { namespace: config.NAMESPACE },
    );
    const eventPublisher = new EventPublisher(kafka, { namespace: config.NAMESPACE, logger: log });
    await eventPublisher.start();
    stops.push(() => eventPublisher.stop());

    const conn = await connectMongo({
      url: config.MONGO_URL,
      dbName: 'tariff_service',
      namespace: config.NAMESPACE,
      logger: log,
    });
    stops.push(() => conn.close());
    const repo = new MongoTariffRepository(conn);
    await repo.ensureIndexes();

    const changePublisher = new OutboxTariffChangePublisher(
      repo.store,
      eventPublisher,
      log,
      config.OUTBOX_RETRY_MS,
    );
    stops.push(() => changePublisher.stop());
    const resent = await changePublisher.recover();
    if (resent > 0) log.info({ resent }, 'published TariffChanged events left by the previous run');

    const metrics = new TariffMetrics();
    const changes = new TariffChanges(repo, changePublisher, clock, log, metrics);
    let seed: SeedReport | undefined;
    if (config.TARIFFS_SEED) {
      seed = await new SeedTariffsUseCase(changes).execute(
        await readTariffSeed(config.TARIFFS_SEED, clock.now()),
      );
      log.info({ file: config.TARIFFS_SEED, ...seed }, 'tariff seed applied');
    }
    changePublisher.start();

    const queryTariffs = new QueryTariffsUseCase(repo);
    const adapter = new FastifyAdapter({
      bodyLimit: 1_048_576,
      logger: false,
      // Errors the router meets before Nest (e.g. a malformed %-escape in the URL) get our error shape too.
      frameworkErrors: (err: Error, _req: FastifyRequest, reply: FastifyReply) => {
        void reply.status(400).send(toErrorReply(Object.assign(err, { statusCode: 400 })).body);
      },
    });
    const app = await NestFactory.create<NestFastifyApplication>(
      TariffHttpModule.forRoot({
        putTariff: new PutTariffUseCase(changes),
        deleteTariff: new DeleteTariffUseCase(changes),
        assignTariff: new AssignTariffUseCase(changes),
        queryTariffs,
        displayPrice: new DisplayPriceUseCase(queryTariffs, clock),
        adminToken: config.ADMIN_TOKEN,
        metrics,
        log,
        readiness: {
          store: () => pingMongo(conn),
          kafka: async () => {
            const admin = kafka.admin();
            await admin.connect();
            try {
              await admin.describeCluster();
              return true;
            } finally {
              await admin.disconnect();
            }
          },
        },
      }),
      adapter,
      { logger: ['error', 'warn'] },
    );
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      metrics.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    });
    await app.listen(config.TARIFF_PORT, config.TARIFF_HOST);
    stops.push(() => app.close());
    const address = fastify.server.address();
    const port = typeof address === 'object' && address ? address.port : config.TARIFF_PORT;
    const url = `http://${config.TARIFF_HOST === '0.0.0.0' ? '127.0.0.1' : config.TARIFF_HOST}:${port}`;
    log.info({ url }, 'tariff-service listening');
    return { url, port, seed, close: stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
