import { Gauge, type Registry } from 'prom-client';

/**
 * The `kafka_consumer_lag` gauge every consuming service exports: messages behind the high watermark per
 * topic/partition, as of the consumer's last batch (`EventConsumer.lag()` of libs/kafka).
 */
export function registerConsumerLag(registry: Registry, lag: () => Record<string, number>): void {
  new Gauge({
    name: 'kafka_consumer_lag',
    help: 'Messages behind the high watermark per topic/partition, as of the last batch',
    labelNames: ['partition'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [partition, n] of Object.entries(lag())) this.set({ partition }, n);
    },
  });
}
