import { BaseEnv, secret } from '@tapcharge/config';
import { z } from 'zod';

/** Every variable the tariff service reads, validated once at boot (STYLE.md §5). */
export const TariffEnv = BaseEnv.extend({
  TARIFF_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  TARIFF_HOST: z.string().default('0.0.0.0'),
  ADMIN_TOKEN: secret('dev-admin-token-change-me'),
  /** Demo tariffs applied at start (idempotent); empty = no seeding. Relative to the working directory. */
  TARIFFS_SEED: z.string().default('deploy/seed/tariffs.json'),
  /** How often unpublished TariffChanged events (broker was down) are retried; 0 = only at start. */
  OUTBOX_RETRY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});
export type TariffConfig = z.infer<typeof TariffEnv>;
