import type { EventEnvelope } from '@tapcharge/contracts';
import type { EventPublisher } from '@tapcharge/kafka';
import type { EventPublisherPort } from '../../application/ports/event-publisher.port';

/** The Kafka side of EventPublisherPort, with a deadline so an HTTP handler never hangs on the broker. */
export class KafkaEventPublisher implements EventPublisherPort {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly timeoutMs = 5_000,
  ) {}

  async publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Kafka publish exceeded ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([this.publisher.publish(events), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
