import type { EventEnvelope } from '@tapcharge/contracts';
import type { EventPublisher } from '@tapcharge/kafka';
import type { EventSink } from '../../application/ports/event-sink.port';

/** EventSink on the batching Kafka publisher: many frames share one produce request. */
export class KafkaEventSink implements EventSink {
  constructor(
    private readonly publisher: EventPublisher,
    /** Called with the seconds from publish to broker ack (the Kafka stage of a frame's answer). */
    private readonly observe: (seconds: number) => void = () => undefined,
  ) {}

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const started = performance.now();
    await this.publisher.publish(events);
    this.observe((performance.now() - started) / 1000);
  }
}
