import { BaseEnv, secret } from '@tapcharge/config';
import { z } from 'zod';

/** Every variable the OCPI gateway reads, validated once at boot (STYLE.md §5). */
export const GatewayEnv = BaseEnv.extend({
  OCPI_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  OCPI_HOST: z.string().default('0.0.0.0'),
  /** Base URL peers reach us at (scheme://host:port); `/ocpi/...` is appended. */
  PUBLIC_URL: z.url().optional(),
  ADMIN_TOKEN: secret('dev-admin-token-change-me'),
  PARTY_COUNTRY_CODE: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('NL'),
  PARTY_ID: z
    .string()
    .regex(/^[A-Z0-9]{3}$/)
    .default('TPC'),
  BUSINESS_NAME: z.string().min(1).max(100).default('tapcharge'),
  /** Receipts: invoice_base_url + authorization_reference. */
  INVOICE_BASE_URL: z.url().default('http://127.0.0.1:8090/receipts/'),
  /** Limit incl. VAT when a tariff has no preauthorize_amount / max_price. */
  DEFAULT_PREAUTH_AMOUNT: z
    .string()
    .regex(/^\d{1,6}(\.\d{1,2})?$/)
    .default('50.00'),
  COMMAND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  LOCATIONS_SEED: z.string().default('deploy/seed/locations.json'),
  STATIONS_SEED: z.string().default('deploy/seed/stations.json'),
  AUTO_ASSIGN_TERMINALS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  PUSH_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
  PUSH_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(1_000),
  PUSH_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(300_000),
  PEER_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  KAFKA_GROUP_ID: z.string().default('ocpi-gateway'),
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;
