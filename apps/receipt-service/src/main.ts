import 'reflect-metadata';
import { loadConfigOrExit } from '@tapcharge/config';
import { createLogger } from '@tapcharge/logging';
import { startReceiptService } from './adapters/receipt.app';
import { ReceiptEnv } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ReceiptEnv);
  const logger = createLogger({ service: 'receipt-service', level: config.LOG_LEVEL });
  const service = await startReceiptService(config, logger);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    service.close().then(
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
  process.stderr.write(`receipt-service failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
