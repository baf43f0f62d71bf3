import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS } from '@tapcharge/contracts';
import { createKafka, ensureTopics, EventPublisher, type EventConsumer } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import { connectMongo, pingMongo } from '@tapcharge/persistence';
import type { Connection } from 'mongoose';
import { ListPeersUseCase } from '../application/admin/list-peers.use-case';
import { RevokePeerUseCase } from '../application/admin/revoke-peer.use-case';
import { UpsertLocationUseCase } from '../application/admin/upsert-location.use-case';
import { CreatePeerUseCase } from '../application/credentials/create-peer.use-case';
import { PeerAuthenticator } from '../application/credentials/peer-authenticator';
import { RegisterCredentialsUseCase } from '../application/credentials/register-credentials.use-case';
import { UnregisterCredentialsUseCase } from '../application/credentials/unregister-credentials.use-case';
import { StartSessionUseCase } from '../application/commands/start-session.use-case';
import { StopSessionUseCase } from '../application/commands/stop-session.use-case';
import { OnCdrCreatedUseCase } from '../application/events/on-cdr-created.use-case';
import { OnCommandResultReadyUseCase } from '../application/events/on-command-result-ready.use-case';
import { OnConnectorStatusChangedUseCase } from '../application/events/on-connector-status-changed.use-case';
import { OnSessionEventUseCase } from '../application/events/on-session-event.use-case';
import { OnTariffChangedUseCase } from '../application/events/on-tariff-changed.use-case';
import type { GatewayContext } from '../application/gateway-context';
import { AssignTerminalUseCase } from '../application/payments/assign-terminal.use-case';
import { ConfirmPaymentUseCase } from '../application/payments/confirm-payment.use-case';
import { RegisterTerminalUseCase } from '../application/payments/register-terminal.use-case';
import { TerminalActivationUseCase } from '../application/payments/terminal-activation.use-case';
import type { PeerClient } from '../application/ports/peer-client.port';
import { OutboxRelay } from '../application/push/outbox-relay';
import { PushWorker } from '../application/push/push-worker';
import type { GatewayConfig } from '../config';
import { normalizeInvoiceBaseUrl } from '../domain/invoice-url';
import { LocationReadModel } from '../domain/location-read-model';
import { TariffCatalog } from '../domain/tariff-catalog';
import { createGatewayMetrics } from './gateway.metrics';
import { FetchPeerClient } from './http-client/fetch-peer.client';
import { acceptJsonOfAnyContentType, installOcpiHooks, ocpiFrameworkErrors } from './http/fastify-hooks';
import { installHotListRoutes } from './http/hot-routes';
import type { GatewayServices } from './http/gateway-services';
import { OcpiHttpModule } from './http/ocpi-http.module';
import { CONSUMED_EVENTS, createGatewayConsumer } from './kafka/gateway-event.consumer';
import { KafkaEventPublisher } from './kafka/kafka-event.publisher';
import { ensureIndexes } from './mongo/collections';
import { MongoCommandRepository } from './mongo/command.repository';
import { MongoLocationStore } from './mongo/location-store.repository';
import { MongoPaymentsRepository } from './mongo/payments.repository';
import { MongoPeerRepository } from './mongo/peer.repository';
import { MongoPushQueue } from './mongo/push-queue.repository';
import { MongoPushStats } from './mongo/push-stats.repository';
import { MongoSessionStore } from './mongo/session-store.repository';
import { loadLocationSeed } from './seed/location-seed.loader';

export interface RunningGateway {
  app: NestFastifyApplication;
  /** http://host:port of the OCPI server. */
  url: string;
  services: GatewayServices;
  pushWorker: PushWorker;
  close(): Promise<void>;
}

export interface GatewayOverrides {
  peerClient?: PeerClient;
}

const SERVICE = 'ocpi-gateway';

/**
 * The composition root: store, read models from seed + store, Kafka publisher and consumer, use cases,
 * push worker, outbox relay, and the Nest/fastify HTTP server. Listens on OCPI_PORT (0 = any free port).
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger,
  overrides: GatewayOverrides = {},
): Promise<RunningGateway> {
  const conn: Connection = await connectMongo({
    url: config.MONGO_URL,
    dbName: 'ocpi_gateway',
    namespace: config.NAMESPACE,
    logger,
  });
  await ensureIndexes(conn);
  const cpo = { countryCode: config.PARTY_COUNTRY_CODE, partyId: config.PARTY_ID };

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE, logger });
  await ensureTopics(
    kafka,
    [
      EVENTS.StartSessionRequested,
      EVENTS.StopSessionRequested,
      EVENTS.PaymentConfirmed,
      EVENTS.TerminalRegistered,
      ...CONSUMED_EVENTS,
    ].map((d) => d.topic),
    { namespace: config.NAMESPACE },
  );
  const kafkaPublisher = new EventPublisher(kafka, { namespace: config.NAMESPACE, logger });
  await kafkaPublisher.start();
  const publisher = new KafkaEventPublisher(kafkaPublisher);

  const peers = new MongoPeerRepository(conn);
  const commands = new MongoCommandRepository(conn);
  const sessionStore = new MongoSessionStore(conn);
  const payments = new MongoPaymentsRepository(conn);
  const locationStore = new MongoLocationStore(conn);
  let wakePushWorker: () => void = () => undefined;
  const queue = new MongoPushQueue(conn, () => wakePushWorker());
  const peerClient = overrides.peerClient ?? new FetchPeerClient(cpo, config.PEER_HTTP_TIMEOUT_MS);

  const seed = loadLocationSeed(config.LOCATIONS_SEED, cpo, config.STATIONS_SEED);
  const locations = new LocationReadModel(seed.locations, [
    ...seed.mappings,
    ...(await locationStore.mappings()),
  ]);
  // Locations the operator created or replaced override the seed's; then statuses, then tariff assignments
  for (const l of await locationStore.locations()) locations.upsertLocation(l);
  for (const s of await locationStore.statuses())
    locations.applyStatus(s.locationId, s.evseUid, s.status, new Date(s.at));
  const tariffs = new TariffCatalog(config.DEFAULT_PREAUTH_AMOUNT);
  for (const t of await locationStore.tariffs()) {
    tariffs.upsert(t);
    if (t.appliesTo.length > 0) locations.assignTariff(t.id, t.appliesTo, new Date(t.lastUpdated));
  }

  const publicUrl = (config.PUBLIC_URL ?? '').replace(/\/+$/, '');
  const ctx: GatewayContext = {
    cpo,
    businessDetails: { name: config.BUSINESS_NAME },
    ocpiBaseUrl: `${publicUrl}/ocpi`,
    invoiceBaseUrl: normalizeInvoiceBaseUrl(config.INVOICE_BASE_URL),
    defaultPreauthAmount: config.DEFAULT_PREAUTH_AMOUNT,
    commandTimeoutSeconds: config.COMMAND_TIMEOUT_SECONDS,
    maxPageSize: config.MAX_PAGE_SIZE,
    autoAssignTerminals: config.AUTO_ASSIGN_TERMINALS,
    producer: SERVICE,
    now: () => new Date(),
  };

  let consumerLag: () => Record<string, number> = () => ({});
  const { registry, pushes } = createGatewayMetrics({
    pendingPushKeys: () => queue.pendingCount(),
    consumerLag: () => consumerLag(),
  });

  const authenticator = new PeerAuthenticator(peers);
  const pushStats = new MongoPushStats(conn, logger);
  const pushWorker = new PushWorker(
    queue,
    peers,
    peerClient,
    {
      intervalMs: config.PUSH_INTERVAL_MS,
      batch: 20,
      leaseMs: 30_000,
      backoffBaseMs: config.PUSH_BACKOFF_BASE_MS,
      backoffMaxMs: config.PUSH_BACKOFF_MAX_MS,
    },
    logger.child({ component: 'push' }),
    pushes,
    pushStats,
  );
  wakePushWorker = () => pushWorker.wake();
  const relay = new OutboxRelay(commands, payments, publisher, 5_000, logger);

  const consumer: EventConsumer = createGatewayConsumer(
    kafka,
    { groupId: config.KAFKA_GROUP_ID, namespace: config.NAMESPACE, logger },
    {
      connectorStatus: new OnConnectorStatusChangedUseCase(locations, locationStore, peers, queue, ctx),
      tariff: new OnTariffChangedUseCase(tariffs, locations, locationStore, peers, queue, ctx),
      session: new OnSessionEventUseCase(sessionStore, queue, ctx),
      cdr: new OnCdrCreatedUseCase(sessionStore, queue),
      commandResult: new OnCommandResultReadyUseCase(queue),
    },
  );

  consumerLag = () => consumer.lag();

  const services: GatewayServices = {
    ctx,
    logger,
    adminToken: config.ADMIN_TOKEN,
    authenticator,
    registerCredentials: new RegisterCredentialsUseCase(peers, peerClient, authenticator, ctx),
    unregisterCredentials: new UnregisterCredentialsUseCase(peers, authenticator, ctx),
    createPeer: new CreatePeerUseCase(peers, ctx),
    startSession: new StartSessionUseCase(locations, tariffs, commands, publisher, ctx, logger),
    stopSession: new StopSessionUseCase(commands, sessionStore, publisher, ctx, logger),
    registerTerminal: new RegisterTerminalUseCase(payments, queue, publisher, locations, ctx, logger),
    assignTerminal: new AssignTerminalUseCase(payments, queue, publisher, locations, ctx),
    confirmPayment: new ConfirmPaymentUseCase(payments, publisher, ctx, logger),
    terminalActivation: new TerminalActivationUseCase(payments, peers, queue, ctx),
    listPeers: new ListPeersUseCase(peers, queue, pushStats),
    revokePeer: new RevokePeerUseCase(peers, authenticator, ctx),
    upsertLocation: new UpsertLocationUseCase(locations, tariffs, locationStore, peers, queue, ctx),
    locations,
    tariffs,
    sessions: sessionStore,
    payments,
    metrics: registry,
    readiness: async () => ({ store: await pingMongo(conn), kafka: consumerJoined }),
  };

  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    logger: false,
    frameworkErrors: ocpiFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(OcpiHttpModule.with(services), adapter, {
    logger: ['error', 'warn'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  installOcpiHooks(fastify, cpo, registry);
  acceptJsonOfAnyContentType(fastify);
  installHotListRoutes(fastify, services);
  await app.listen(config.OCPI_PORT, config.OCPI_HOST);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.OCPI_PORT;
  const url = `http://${config.OCPI_HOST === '0.0.0.0' ? '127.0.0.1' : config.OCPI_HOST}:${port}`;
  if (!config.PUBLIC_URL) ctx.ocpiBaseUrl = `${url}/ocpi`;

  let consumerJoined = false;
  const joined = consumer.start().then(() => (consumerJoined = true));
  joined.catch((err: unknown) => logger.error({ err }, 'Kafka consumer did not join'));
  pushWorker.start();
  relay.start();
  logger.info({ url: `${ctx.ocpiBaseUrl}/versions`, locations: locations.size }, 'OCPI gateway listening');

  return {
    app,
    url,
    services,
    pushWorker,
    async close() {
      await app.close();
      await pushWorker.stop();
      await relay.stop();
      await consumer.stop().catch(() => undefined);
      await kafkaPublisher.stop().catch(() => undefined);
      await conn.close();
    },
  };
}
