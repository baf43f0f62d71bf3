import type { EventEnvelope } from '@tapcharge/contracts';

/** Publishes events; resolves once they are durable (acknowledged by the broker), in call order per key. */
export interface EventSink {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}
