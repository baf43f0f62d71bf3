// The six services as local processes: how to start each and where its health endpoint is. Shared by
// `npm run up` (tools/dev/up.mjs) and the end-to-end tests (apps/platform-e2e).
export const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';

export const SERVICES = [
  { name: 'tariff-service', main: 'apps/tariff-service/src/main.ts', port: 8082, health: 'http://127.0.0.1:8082/health' },
  { name: 'ocpp-gateway', main: 'apps/ocpp-gateway/src/main.ts', port: 9001, health: 'http://127.0.0.1:9001/health' },
  { name: 'ocpi-gateway', main: 'apps/ocpi-gateway/src/main.ts', port: 8080, health: 'http://127.0.0.1:8080/health' },
  { name: 'session-engine', main: 'apps/session-engine/src/main.ts', port: 9101, health: 'http://127.0.0.1:9101/health' },
  { name: 'billing-cdr-service', main: 'apps/billing-cdr-service/src/main.ts', port: 8083, health: 'http://127.0.0.1:8083/health' },
  { name: 'receipt-service', main: 'apps/receipt-service/src/main.ts', port: 8090, health: 'http://127.0.0.1:8090/health' },
];

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
