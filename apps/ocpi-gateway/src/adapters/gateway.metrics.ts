import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { registerConsumerLag } from '@tapcharge/service-runtime';
import type { PushMetrics } from '../application/push/push-worker';

export interface GatewayMetricSources {
  /** Push queues with undelivered items (-1 when the store does not answer). */
  pendingPushKeys: () => Promise<number>;
  /** Messages behind the high watermark per `topic/partition`, as of the consumer's last batch. */
  consumerLag: () => Record<string, number>;
}

/**
 * Prometheus metrics of the gateway: process defaults, push outcomes, pending push queues and the Kafka
 * consumer lag (the gauge every consuming service exports).
 */
export function createGatewayMetrics(sources: GatewayMetricSources): {
  registry: Registry;
  pushes: PushMetrics;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pushes = new Counter({
    name: 'ocpi_push_total',
    help: 'OCPI pushes to peers by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'ocpi_push_queue_keys_pending',
    help: 'Push queues with undelivered items',
    registers: [registry],
    async collect() {
      this.set(await sources.pendingPushKeys().catch(() => -1));
    },
  });
  registerConsumerLag(registry, sources.consumerLag);
  return {
    registry,
    pushes: {
      delivered: (kind) => pushes.inc({ kind, outcome: 'delivered' }),
      failed: (kind) => pushes.inc({ kind, outcome: 'failed' }),
      dropped: (kind) => pushes.inc({ kind, outcome: 'dropped' }),
    },
  };
}
