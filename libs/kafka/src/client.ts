import { Kafka, logLevel as KafkaLogLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface CreateKafkaOptions {
  brokers: string[];
  clientId: string;
  logger?: Logger;
  /** Connection and request deadlines; defaults suit loopback and in-cluster brokers. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const levelName: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go to our pino logger (warnings and errors only). */
export function createKafka(opts: CreateKafkaOptions): Kafka {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';
  const config: KafkaConfig = {
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: KafkaLogLevel.WARN,
  };
  const log = opts.logger?.child({ component: 'kafkajs' });
  if (log) {
    config.logCreator =
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[levelName[level] ?? 'info'](rest, message);
      };
  }
  return new Kafka(config);
}

/** Topic names get the namespace as a prefix (tests and parallel environments); empty in production. */
export function namespacedTopic(name: string, namespace = ''): string {
  return namespace ? `${namespace}.${name}` : name;
}
