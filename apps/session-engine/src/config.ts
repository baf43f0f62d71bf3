import { BaseEnv, secret } from '@tapcharge/config';
import { z } from 'zod';
import type { EngineSettings } from './domain/engine-settings';

const seconds = (def: number) => z.coerce.number().min(0).max(86_400).default(def);

/** Every variable the session engine reads, validated once at boot (STYLE.md §5). */
export const EngineEnv = BaseEnv.extend({
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(9101),
  HEALTH_HOST: z.string().default('0.0.0.0'),
  KAFKA_GROUP_ID: z.string().default('session-engine'),
  /** Topic-partition batches handled side by side (sessions are locked one by one, not the whole engine). */
  KAFKA_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(4),
  START_TIMEOUT_S: seconds(90),
  CARD_METER_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(10),
  DEFAULT_STOP_LATENCY_S: seconds(5),
  STOP_MARGIN_S: seconds(2),
  POWER_HEADROOM: z.coerce.number().min(0).max(5).default(0.15),
  MIN_PLANNING_POWER_W: z.coerce.number().min(0).default(1_000),
  STOP_RETRY_S: seconds(30),
  MAX_STOP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  UPDATE_INTERVAL_S: seconds(10),
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Bearer token of the operator API (`/admin/sessions`). */
  ADMIN_TOKEN: secret('dev-admin-token-change-me'),
  /** Benches and demos only: run the engine's clock this many times faster than real time. */
  CLOCK_SPEED: z.coerce.number().min(1).max(10_000).default(1),
});
export type EngineConfig = z.infer<typeof EngineEnv>;

export function settingsFrom(c: EngineConfig): EngineSettings {
  return {
    startTimeoutS: c.START_TIMEOUT_S,
    cardMeterIntervalS: c.CARD_METER_INTERVAL_S,
    defaultStopLatencyS: c.DEFAULT_STOP_LATENCY_S,
    stopMarginS: c.STOP_MARGIN_S,
    powerHeadroom: c.POWER_HEADROOM,
    minPlanningPowerW: c.MIN_PLANNING_POWER_W,
    stopRetryS: c.STOP_RETRY_S,
    maxStopAttempts: c.MAX_STOP_ATTEMPTS,
    updateIntervalS: c.UPDATE_INTERVAL_S,
    commandTimeoutMs: c.COMMAND_TIMEOUT_MS,
  };
}
