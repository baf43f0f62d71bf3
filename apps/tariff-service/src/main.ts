import 'reflect-metadata';
import { loadConfigOrExit } from '@tapcharge/config';
import { createLogger } from '@tapcharge/logging';
import { SERVICE, startTariffService } from './adapters/tariff-service.app';
import { TariffEnv } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(TariffEnv);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const running = await startTariffService(config, logger);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    running.close().then(
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
  process.stderr.write(`tariff-service failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
