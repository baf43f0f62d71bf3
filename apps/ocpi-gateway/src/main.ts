import 'reflect-metadata';
import { loadConfigOrExit } from '@tapcharge/config';
import { createLogger } from '@tapcharge/logging';
import { startGateway } from './adapters/gateway.app';
import { GatewayEnv } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayEnv);
  const logger = createLogger({ service: 'ocpi-gateway', level: config.LOG_LEVEL });
  const gateway = await startGateway(config, logger);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`ocpi-gateway failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
