import { loadConfigOrExit } from '@tapcharge/config';
import { createLogger } from '@tapcharge/logging';
import { GatewayEnv } from './config';
import { SERVICE, startGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayEnv);
  const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const gateway = await startGateway(config, { logger: log });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    gateway
      .stop()
      .then(() => process.exit(0))
      .catch((err: Error) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`ocpp-gateway failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
