import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { BaseEnv, secret } from '@tapcharge/config';

/** Every variable of the OCPP gateway (STYLE.md §5); parsed once in main.ts. */
export const GatewayEnv = BaseEnv.extend({
  OCPP_PORT: z.coerce.number().int().min(0).max(65535).default(9000),
  OCPP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9001),
  HTTP_HOST: z.string().default('0.0.0.0'),
  ADMIN_TOKEN: secret('dev-admin-token-change-me'),
  /** Security profile 2: PEM files of the server certificate and key; both or neither. */
  OCPP_TLS_CERT_FILE: z.string().optional(),
  OCPP_TLS_KEY_FILE: z.string().optional(),
  /** Refuse stations registered without a password (profile 0 is for development only). */
  OCPP_REQUIRE_PASSWORD: z.stringbool().default(true),
  OCPP_CALL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  OCPP_PING_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  OCPP_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(10).default(300),
  OCPP_MAX_BAD_MESSAGES: z.coerce.number().int().min(1).default(1000),
  /** Seed file loaded at start (stations missing from the registry are added; existing ones are left). */
  SEED_STATIONS_FILE: z.string().optional(),
  /** Unique per instance (pod name); the command consumer group and the presence registry use it. */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .default(`${hostname()}-${randomBytes(3).toString('hex')}`),
}).refine((e) => !e.OCPP_TLS_CERT_FILE === !e.OCPP_TLS_KEY_FILE, {
  message: 'OCPP_TLS_CERT_FILE and OCPP_TLS_KEY_FILE go together',
  path: ['OCPP_TLS_CERT_FILE'],
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;
