import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS } from '@tapcharge/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@tapcharge/kafka';
import { createLogger, type Logger } from '@tapcharge/logging';
import { connectMongo, pingMongo } from '@tapcharge/persistence';
import { StationAdmin, type RegisterStationInput } from './application/admin/station-admin.use-case';
import { ExecuteStationCommand } from './application/commands/execute-station-command.use-case';
import { AuthenticateStation } from './application/connection/authenticate-station.use-case';
import { StationConnections } from './application/connection/station-connections.use-case';
import { InboundDispatcher } from './application/inbound/inbound-dispatcher';
import { TransactionCache } from './application/inbound/transaction-cache';
import { systemClock } from './application/ports/clock.port';
import { GatewayHttpModule } from './adapters/http/http.module';
import { KafkaEventSink } from './adapters/kafka/kafka-event-sink.adapter';
import { StationCommandConsumer } from './adapters/kafka/station-command.consumer';
import { StationConnectionConsumer } from './adapters/kafka/station-connection.consumer';
import { GatewayMetrics } from './adapters/metrics/gateway-metrics';
import { MongoPresenceRepository } from './adapters/mongo/presence.repository';
import { MongoRemoteStartRepository } from './adapters/mongo/remote-start.repository';
import { MongoStationRepository } from './adapters/mongo/station.repository';
import { MongoTransactionRepository } from './adapters/mongo/transaction.repository';
import { OcppServerAdapter, type OcppServerConfig } from './adapters/ocpp/ocpp-server.adapter';
import type { GatewayConfig } from './config';

export const SERVICE = 'ocpp-gateway';

/** The events this service produces or consumes; their topics are created if missing (idempotent). */
export const GATEWAY_EVENTS = [
  EVENTS.StationBooted,
  EVENTS.StationConnectionChanged,
  EVENTS.ConnectorStatusChanged,
  EVENTS.TransactionStarted,
  EVENTS.MeterValuesReceived,
  EVENTS.TransactionStopped,
  EVENTS.StationCommandCompleted,
  EVENTS.StationCommandRequested,
] as const;
const GATEWAY_TOPICS = GATEWAY_EVENTS.map((d) => d.topic);

export interface RunningGateway {
  ocppPort: number;
  httpPort: number;
  instanceId: string;
  metrics: GatewayMetrics;
  stations: MongoStationRepository;
  admin: StationAdmin;
  ocpp: OcppServerAdapter;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  logger?: Logger;
  /** scrypt cost for passwords hashed by this process (admin API, seed); default 2^14. */
  passwordHashLogN?: number;
}

async function readPem(variable: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as Error).message})`);
  }
}

/** Security profile 2: the PEM files named in the config, or undefined for plain ws (profile 1). */
async function readTlsFiles(config: GatewayConfig): Promise<OcppServerConfig['tls']> {
  if (!config.OCPP_TLS_CERT_FILE || !config.OCPP_TLS_KEY_FILE) return undefined;
  return {
    cert: await readPem('OCPP_TLS_CERT_FILE', config.OCPP_TLS_CERT_FILE),
    key: await readPem('OCPP_TLS_KEY_FILE', config.OCPP_TLS_KEY_FILE),
    ...(config.OCPP_TLS_CA_FILE ? { ca: await readPem('OCPP_TLS_CA_FILE', config.OCPP_TLS_CA_FILE) } : {}),
  };
}

/** Composition root: wires adapters to use cases and starts the OCPP and HTTP listeners. */
export async function startGateway(
  config: GatewayConfig,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const log = options.logger ?? createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const producer = SERVICE;
  const instanceId = config.INSTANCE_ID;
  const stops: Array<() => Promise<unknown> | unknown> = [];
  const stop = async () => {
    for (const s of stops.reverse())
      await Promise.resolve(s()).catch((err: Error) => log.warn({ err }, 'stop step failed'));
  };

  try {
    const kafka = createKafka({
      brokers: config.KAFKA_BROKERS,
      clientId: `${SERVICE}-${instanceId}`,
      logger: log,
    });
    await ensureTopics(kafka, GATEWAY_TOPICS, { namespace: config.NAMESPACE });
    const publisher = new EventPublisher(kafka, {
      namespace: config.NAMESPACE,
      logger: log,
      maxBatchSize: config.KAFKA_PRODUCE_BATCH_MAX,
    });
    await publisher.start();
    stops.push(() => publisher.stop());
    // Consumers are created later; the lag gauge asks them when it is scraped.
    const consumers: Array<{ lag(): Record<string, number> }> = [];
    const metrics = new GatewayMetrics(() => Object.assign({}, ...consumers.map((c) => c.lag())));
    const sink = new KafkaEventSink(publisher, (s) => metrics.publishSeconds.observe(s));

    const conn = await connectMongo({
      url: config.MONGO_URL,
      dbName: 'ocpp_gateway',
      namespace: config.NAMESPACE,
      logger: log,
    });
    stops.push(() => conn.close());
    const stations = new MongoStationRepository(conn);
    const transactions = new MongoTransactionRepository(conn);
    const remoteStarts = new MongoRemoteStartRepository(conn);
    const presenceFlushMs = 1_000;
    const presence = new MongoPresenceRepository(conn, instanceId, log, { flushEveryMs: presenceFlushMs });
    await transactions.ensureIndexes();
    await remoteStarts.ensureIndexes();
    await stations.warm();
    stops.push(() => stations.stop());
    await remoteStarts.warm();
    stops.push(() => remoteStarts.stop());
    await presence.start();
    stops.push(() => presence.stop());

    const admin = new StationAdmin(stations, presence, options.passwordHashLogN);
    if (config.SEED_STATIONS_FILE) {
      const seed = JSON.parse(await readFile(config.SEED_STATIONS_FILE, 'utf8')) as {
        stations: RegisterStationInput[];
      };
      const added = await admin.seed(seed.stations);
      log.info({ file: config.SEED_STATIONS_FILE, added }, 'station seed loaded');
    }

    const dispatcher = new InboundDispatcher({
      sink,
      transactions,
      remoteStarts,
      cache: new TransactionCache(transactions),
      status: presence,
      clock: systemClock,
      producer,
      heartbeatIntervalSeconds: config.OCPP_HEARTBEAT_INTERVAL_S,
      log,
      onTolerated: (action, warnings) => {
        metrics.tolerated.inc({ action });
        log.debug({ action, warnings }, 'tolerated deviations');
      },
    });
    const connections = new StationConnections({ sink, presence, producer, instanceId, log });
    const tls = await readTlsFiles(config);
    const ocpp = new OcppServerAdapter(
      {
        port: config.OCPP_PORT,
        host: config.OCPP_HOST,
        ...(tls ? { tls } : {}),
        callTimeoutMs: config.OCPP_CALL_TIMEOUT_MS,
        pingIntervalMs: config.OCPP_PING_INTERVAL_MS,
        maxBadMessages: config.OCPP_MAX_BAD_MESSAGES,
        heartbeatIntervalSeconds: config.OCPP_HEARTBEAT_INTERVAL_S,
      },
      {
        auth: new AuthenticateStation(stations, { requirePassword: config.OCPP_REQUIRE_PASSWORD }),
        dispatcher,
        connections,
        metrics,
        log,
      },
    );
    connections.attach(ocpp);
    const ocppPort = await ocpp.listen();
    stops.push(() => ocpp.close());

    const takeovers = new StationConnectionConsumer(
      kafka,
      { instanceId, namespace: config.NAMESPACE, deadLetters: publisher, log },
      connections,
    );
    await takeovers.start();
    consumers.push(takeovers);
    stops.push(() => takeovers.stop());

    const commands = new StationCommandConsumer(
      kafka,
      { instanceId, namespace: config.NAMESPACE, deadLetters: publisher, log },
      new ExecuteStationCommand({
        link: ocpp,
        presence,
        remoteStarts,
        sink,
        clock: systemClock,
        producer,
        instanceId,
        log,
        // Longer than it takes another instance to publish a new connection (its presence flush + our
        // snapshot of it), so a station that just connected there is not reported OFFLINE from here.
        offlineGraceMs: 2 * presenceFlushMs + 500,
        onRouting: (routing) => metrics.commandRouting.inc({ routing }),
        onCompleted: (kind, status, seconds) => {
          metrics.commands.inc({ kind, status });
          metrics.commandSeconds.observe({ kind }, seconds);
        },
      }),
    );
    await commands.start();
    consumers.push(commands);
    stops.push(() => commands.stop());

    const http = await NestFactory.create<NestFastifyApplication>(
      GatewayHttpModule.forRoot({
        admin,
        metrics,
        adminToken: config.ADMIN_TOKEN,
        readiness: {
          store: () => pingMongo(conn),
          ocpp: async () => ocppPort > 0,
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
      new FastifyAdapter(),
      { logger: false },
    );
    await http.listen(config.HTTP_PORT, config.HTTP_HOST);
    stops.push(() => http.close());
    const address = http.getHttpServer().address();
    const httpPort = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
    log.info({ ocppPort, httpPort, instanceId, tls: !!tls }, 'ocpp-gateway started');
    return { ocppPort, httpPort, instanceId, metrics, stations, admin, ocpp, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
