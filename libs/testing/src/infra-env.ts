import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface InfraEnv {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
}

export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Endpoints of the real Kafka and FerretDB that the test command (`tools/infra`) started. Environment
 * variables win, so CI or a developer can point tests at other servers.
 */
export function infraEnv(): InfraEnv {
  const file = join(REPO_ROOT, '.local/infra.json');
  const fromFile: Partial<InfraEnv> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<InfraEnv>)
    : {};
  const KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? fromFile.KAFKA_BROKERS;
  const MONGO_URL = process.env['MONGO_URL'] ?? fromFile.MONGO_URL;
  if (!KAFKA_BROKERS || !MONGO_URL) {
    throw new Error(
      'Kafka/FerretDB endpoints unknown: run `npm run infra:up` (writes .local/infra.json) first',
    );
  }
  return { KAFKA_BROKERS, MONGO_URL };
}

export function kafkaBrokers(): string[] {
  return infraEnv().KAFKA_BROKERS.split(',');
}

/** A fresh namespace per test file: prefixes topics and suffixes databases, so runs never share state. */
export function uniqueNamespace(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
