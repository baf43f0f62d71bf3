import type { EventEnvelope } from '@tapcharge/contracts';
import type { EventPublisher } from '@tapcharge/kafka';
import type { EventSink } from '../../application/ports/event-sink.port';

/** EventSink on the batching Kafka publisher: many frames share one produce request. */
export class KafkaEventSink implements EventSink {
  constructor(private readonly publisher: EventPublisher) {}

  publish(events: readonly EventEnvelope[]): Promise<void> {
    return events.length === 0 ? Promise.resolve() : this.publisher.publish(events);
  }
}
