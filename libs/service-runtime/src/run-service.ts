import 'reflect-metadata';
import { loadConfigOrExit } from '@tapcharge/config';
import { createLogger, type Logger } from '@tapcharge/logging';
import type { z } from 'zod';

export interface RunningService {
  close(): Promise<void>;
}

export interface RunServiceOptions<S extends z.ZodType<{ LOG_LEVEL: string }>> {
  service: string;
  env: S;
  start: (config: z.infer<S>, logger: Logger) => Promise<RunningService>;
}

/**
 * A service's `main`: parse the environment once (exit 78 listing every bad variable), create the pino logger,
 * start, and close cleanly on SIGINT/SIGTERM (exit 0, or 1 when closing fails). A start failure exits 1 with
 * the cause on stderr.
 */
export function runService<S extends z.ZodType<{ LOG_LEVEL: string }>>(opts: RunServiceOptions<S>): void {
  const main = async () => {
    const config = loadConfigOrExit(opts.env);
    const logger = createLogger({ service: opts.service, level: config.LOG_LEVEL });
    const running = await opts.start(config, logger);
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
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${opts.service} failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
