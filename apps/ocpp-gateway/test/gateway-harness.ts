import {
  createEvent,
  StationCommandRequestedV1,
  type EventEnvelope,
  type StationCommand,
} from '@tapcharge/contracts';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import type { Kafka } from 'kafkajs';
import { EventRecorder } from '@tapcharge/kafka/testing';
import { createLogger } from '@tapcharge/logging';
import { infraEnv, uniqueNamespace } from '@tapcharge/testing';
import { GatewayEnv } from '../src/config';
import { GATEWAY_EVENTS, startGateway, type RunningGateway } from '../src/gateway';

export const PASSWORD = 'test-password-0123456789';

export interface Harness {
  gateway: RunningGateway;
  namespace: string;
  /** `ws(s)://127.0.0.1:<port>/ocpp` of the first instance. */
  url: string;
  /** Starts one more gateway instance in the same namespace (same Kafka topics and store). */
  startInstance(env?: Record<string, string>): Promise<{ gateway: RunningGateway; url: string }>;
  recorder: EventRecorder;
  /** Publishes a StationCommandRequested as the session engine would. */
  command(
    stationId: string,
    command: StationCommand,
    opts?: { sessionId?: string; timeoutMs?: number },
  ): Promise<EventEnvelope>;
  register(stationId: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', connectors?: number): Promise<void>;
  stop(): Promise<void>;
}

let commandSeq = 0;

/** A gateway on ephemeral ports against the real Kafka and FerretDB, in a namespace of its own. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const infra = infraEnv();
  const namespace = uniqueNamespace('ocppgw');
  const configOf = (extra: Record<string, string>) =>
    GatewayEnv.parse({
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      MONGO_URL: infra.MONGO_URL,
      NAMESPACE: namespace,
      OCPP_PORT: '0',
      HTTP_PORT: '0',
      OCPP_HOST: '127.0.0.1',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      ADMIN_TOKEN: 'test-admin-token-0123456789',
      OCPP_CALL_TIMEOUT_MS: '5000',
      ...env,
      ...extra,
    });
  const config = configOf({});
  const logger = createLogger({ service: 'ocpp-gateway-test', level: config.LOG_LEVEL });
  const urlOf = (g: RunningGateway) =>
    `${config.OCPP_TLS_CERT_FILE ? 'wss' : 'ws'}://127.0.0.1:${g.ocppPort}/ocpp`;
  const gateway = await startGateway(config, { logger, passwordHashLogN: 10 });
  const more: RunningGateway[] = [];
  const recorder = new EventRecorder(infra.KAFKA_BROKERS.split(','), GATEWAY_EVENTS, namespace);
  await recorder.start();
  const kafka = createKafka({
    brokers: infra.KAFKA_BROKERS.split(','),
    clientId: `${namespace}-test`,
    logger,
  });
  const publisher = new EventPublisher(kafka, { namespace });
  await publisher.start();
  return {
    gateway,
    namespace,
    url: urlOf(gateway),
    recorder,
    async startInstance(extra = {}) {
      const g = await startGateway(configOf(extra), {
        logger: logger.child({ instance: extra['INSTANCE_ID'] }),
        passwordHashLogN: 10,
      });
      more.push(g);
      return { gateway: g, url: urlOf(g) };
    },
    async command(stationId, command, opts = {}) {
      const event = createEvent(
        StationCommandRequestedV1,
        {
          commandId: `cmd-${++commandSeq}-${namespace}`,
          ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
          stationId,
          command,
          timeoutMs: opts.timeoutMs ?? 10_000,
          requestedAt: new Date().toISOString(),
        },
        {
          producer: 'session-engine',
          authorizationReference: opts.sessionId ? `AUTH-${opts.sessionId}` : undefined,
        },
      );
      await publisher.publish(event);
      return event;
    },
    async register(stationId, protocol, connectors = 1) {
      await gateway.admin.register({
        stationId,
        protocol,
        password: PASSWORD,
        connectors: Array.from({ length: connectors }, (_, i) => ({
          ocppEvseId: i + 1,
          ocppConnectorId: protocol === 'ocpp1.6' ? i + 1 : 1,
          locationId: 'LOC-001',
          evseUid: `${stationId}-E${i + 1}`,
          connectorId: '1',
        })),
      });
    },
    async stop() {
      await publisher.stop();
      await recorder.stop();
      for (const g of more) await g.stop();
      await gateway.stop();
      await deleteNamespaceTopics(kafka, namespace);
    },
  };
}

/**
 * Deletes the topics of a test namespace: the shared broker keeps every partition's files open, and
 * thousands of leftover test topics exhaust its file descriptors.
 */
export async function deleteNamespaceTopics(kafka: Kafka, namespace: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } catch {
    // Best effort: a leftover topic costs the broker a few files, not the test its result.
  } finally {
    await admin.disconnect();
  }
}

/** Events of one type about one station, in the order the recorder consumed them. */
export function eventsOf(h: Harness, type: string, stationId: string): EventEnvelope[] {
  return h.recorder.events(type).filter((e) => (e.payload as { stationId?: string }).stationId === stationId);
}
