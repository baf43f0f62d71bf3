import type { EventEnvelope } from '@tapcharge/contracts';

/** Publishes events to Kafka; resolves once the broker acknowledged them. */
export interface EventPublisherPort {
  publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void>;
}
