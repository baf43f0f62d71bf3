import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The six services as local processes: how to start each and where its health endpoint is. Shared by
// `npm run up` (tools/dev/up.mjs) and the end-to-end tests (apps/platform-e2e).
export const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';

const here = dirname(fileURLToPath(import.meta.url));
export const SERVICES = JSON.parse(readFileSync(join(here, 'services.json'), 'utf8')).services.map((s) => ({
  ...s,
  health: `http://127.0.0.1:${s.port}/health`,
}));

/** Environment for every service on one machine (development defaults; production sets its own). */
export function serviceEnv(infra, extra = {}) {
  return {
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    MONGO_URL: infra.MONGO_URL,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ADMIN_TOKEN: DEV_ADMIN_TOKEN,
    PUBLIC_URL: 'http://127.0.0.1:8080',
    INVOICE_BASE_URL: 'http://127.0.0.1:8090/receipts/',
    PUBLIC_BASE_URL: 'http://127.0.0.1:8090',
    SEED_STATIONS_FILE: 'deploy/seed/stations.json',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...extra,
  };
}
