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
  /**
   * Security profile 2 (TLS + Basic Auth): PEM files of the server certificate (chain) and its key; both
   * or neither. Optional CA file: extra CA / intermediate certificates (PEM) used to complete the chain
   * the server presents.
   */
  OCPP_TLS_CERT_FILE: z.string().min(1).optional(),
  OCPP_TLS_KEY_FILE: z.string().min(1).optional(),
  OCPP_TLS_CA_FILE: z.string().min(1).optional(),
  /** Refuse stations registered without a password (profile 0 is for development only). */
  OCPP_REQUIRE_PASSWORD: z.stringbool().default(true),
  OCPP_CALL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  OCPP_PING_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  OCPP_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(10).default(300),
  OCPP_MAX_BAD_MESSAGES: z.coerce.number().int().min(1).default(1000),
  /**
   * Most events in one produce request. The publisher keeps one request in flight (per-key order), so its
   * throughput is this many events per broker round trip: under load the queue must fit in few requests.
   */
  KAFKA_PRODUCE_BATCH_MAX: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /** Seed file loaded at start (stations missing from the registry are added; existing ones are left). */
  SEED_STATIONS_FILE: z.string().optional(),
  /** Unique per instance (pod name); the command consumer group and the presence registry use it. */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .default(`${hostname()}-${randomBytes(3).toString('hex')}`),
}).superRefine((e, ctx) => {
  const cert = !!e.OCPP_TLS_CERT_FILE;
  const key = !!e.OCPP_TLS_KEY_FILE;
  if (cert !== key) {
    const [set, missing] = cert
      ? ['OCPP_TLS_CERT_FILE', 'OCPP_TLS_KEY_FILE']
      : ['OCPP_TLS_KEY_FILE', 'OCPP_TLS_CERT_FILE'];
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: `${set} is set but ${missing} is not: TLS (security profile 2) needs both the certificate and its key`,
    });
  }
  if (e.OCPP_TLS_CA_FILE && !(cert && key)) {
    ctx.addIssue({
      code: 'custom',
      path: ['OCPP_TLS_CA_FILE'],
      message: 'OCPP_TLS_CA_FILE only applies with TLS: set OCPP_TLS_CERT_FILE and OCPP_TLS_KEY_FILE too',
    });
  }
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;
