import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS } from '@tapcharge/contracts';
import { createKafka, ensureTopics, EventConsumer, EventPublisher } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import { connectMongo, OutboxRelay, pingMongo } from '@tapcharge/persistence';
import { acceleratedClock, realClock, type Clock, type EngineMetrics } from '../application/ports';
import { CONSUMED_EVENTS, SessionEngine } from '../application/session-engine';
import { settingsFrom, type EngineConfig } from '../config';
import { tariffCostModel } from '../domain/tariff-cost-model';
import { PromEngineMetrics } from './engine.metrics';
import { OPS, OpsController, type OpsPort } from '@tapcharge/service-runtime';
import { MongoSessionRepository } from './session.repository';
import { AdminSessionsModule } from './http/admin-sessions.module';
import { SessionAdmin } from './http/session-admin';
import { StoreSessionFinder } from './http/session-finder';

const SERVICE = 'session-engine';

export interface RunningEngine {
  engine: SessionEngine;
  /** http://host:port of the health server. */
  url: string;
  close(): Promise<void>;
}

export interface EngineOverrides {
  clock?: Clock;
  /** Extra metrics sink beside Prometheus (benches read raw latencies from it). */
  metricsTap?: EngineMetrics;
}

@Module({})
class OpsModule {
  static with(ops: OpsPort): DynamicModule {
    return { module: OpsModule, controllers: [OpsController], providers: [{ provide: OPS, useValue: ops }] };
  }
}

@Module({})
class EngineHttpModule {
  static with(...parts: DynamicModule[]): DynamicModule {
    return { module: EngineHttpModule, imports: parts };
  }
}

/**
 * Composition root: store, Kafka (co-partitioned consumer of the session's events, batching publisher),
 * the engine, start-up outbox recovery, and the health/metrics server on HEALTH_PORT (0 = any free port).
 */
export async function startSessionEngine(
  config: EngineConfig,
  logger: Logger,
  overrides: EngineOverrides = {},
): Promise<RunningEngine> {
  const conn = await connectMongo({
    url: config.MONGO_URL,
    dbName: 'session_engine',
    namespace: config.NAMESPACE,
    logger,
  });
  const repository = new MongoSessionRepository(conn);
  await repository.ensureIndexes();

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger });
  const produced = [
    EVENTS.StationCommandRequested,
    EVENTS.SessionStarted,
    EVENTS.SessionUpdated,
    EVENTS.MaxPriceReached,
    EVENTS.SessionCompleted,
    EVENTS.CommandResultReady,
  ];
  await ensureTopics(
    kafka,
    [...CONSUMED_EVENTS, ...produced].map((d) => d.topic),
    { namespace: config.NAMESPACE },
  );
  const publisher = new EventPublisher(kafka, { namespace: config.NAMESPACE, logger });
  await publisher.start();

  // Events written with a state change but maybe not published before a crash: publish them before consuming.
  const relay = new OutboxRelay(repository.aggregateStore, publisher, { logger, scanIntervalMs: 0 });
  const recovered = await relay.recover();
  if (recovered) logger.info({ sessions: recovered }, 're-published outboxes left by a previous run');

  const clock =
    overrides.clock ?? (config.CLOCK_SPEED > 1 ? acceleratedClock(config.CLOCK_SPEED) : realClock);
  const held: { engine?: SessionEngine; consumer?: EventConsumer } = {};
  const metrics = new PromEngineMetrics(
    () => held.engine?.countByState() ?? {},
    () => held.consumer?.lag() ?? {},
  );
  const running = new SessionEngine({
    repository,
    sink: publisher,
    clock,
    settings: settingsFrom(config),
    costModelFactory: tariffCostModel,
    metrics: overrides.metricsTap ? teeMetrics(metrics, overrides.metricsTap) : metrics,
    logger: logger.child({ component: 'engine' }),
  });
  held.engine = running;

  const consumer = new EventConsumer(kafka, {
    groupId: config.KAFKA_GROUP_ID,
    namespace: config.NAMESPACE,
    events: CONSUMED_EVENTS,
    coPartitioned: true,
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
    deadLetterPublisher: publisher,
    logger,
    handleBatch: (items) => {
      const receivedAtMs = performance.now();
      return running.handleBatch(
        items.map((i) => ({ event: i.event, partition: i.partition, receivedAtMs })),
      );
    },
    onAssignment: (assignment) => {
      const partitions = [...new Set(Object.values(assignment).flat())];
      running
        .onAssignment(partitions)
        .catch((err: unknown) => logger.error({ err }, 'restoring sessions failed'));
    },
  });
  held.consumer = consumer;
  await consumer.start();

  const ops: OpsPort = {
    readiness: async () => ({ store: await pingMongo(conn), kafka: await kafkaReachable() }),
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  };
  async function kafkaReachable(): Promise<boolean> {
    const admin = kafka.admin();
    try {
      await Promise.race([
        admin.connect().then(() => admin.describeCluster()),
        new Promise((_, r) => setTimeout(() => r(new Error('timeout')), 2_000)),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  const admin = new SessionAdmin({
    finder: new StoreSessionFinder(repository.aggregateStore),
    sink: publisher,
    now: () => clock.now(),
    producer: SERVICE,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    EngineHttpModule.with(OpsModule.with(ops), AdminSessionsModule.with(admin, config.ADMIN_TOKEN)),
    new FastifyAdapter(),
    { logger: false },
  );
  await app.listen(config.HEALTH_PORT, config.HEALTH_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HEALTH_PORT;
  logger.info({ port }, 'session engine ready');

  return {
    engine: running,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await consumer.stop();
      await running.stop();
      await publisher.stop();
      await app.close();
      await conn.close();
    },
  };
}

function teeMetrics(a: EngineMetrics, b: EngineMetrics): EngineMetrics {
  return {
    sessionState: (from, to) => (a.sessionState(from, to), b.sessionState(from, to)),
    costLimitStop: (t) => (a.costLimitStop(t), b.costLimitStop(t)),
    meterToStopLatency: (ms) => (a.meterToStopLatency(ms), b.meterToStopLatency(ms)),
    timerToStopLatency: (ms) => (a.timerToStopLatency?.(ms), b.timerToStopLatency?.(ms)),
    meterDecisionLatency: (ms) => (a.meterDecisionLatency?.(ms), b.meterDecisionLatency?.(ms)),
    batch: (e, s, ms) => (a.batch(e, s, ms), b.batch(e, s, ms)),
  };
}
