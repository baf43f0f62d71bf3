import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { EVENTS, type EventDefinition } from '@tapcharge/contracts';
import type { Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { EventConsumer, type ConsumedEvent, type EventConsumerOptions } from '../consumer';

export type KafkaEventTransportOptions = Omit<EventConsumerOptions, 'events' | 'handle' | 'handleBatch'> & {
  kafka: Kafka;
};

/**
 * A @nestjs/microservices transport over our consumer runner: `@EventPattern('MeterValuesReceived')`
 * handlers receive the validated envelope (and the ConsumedEvent as context), with our commit-after-success,
 * retry, DLQ and dedupe semantics instead of ServerKafka's. Subscribes to exactly the patterns handled.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
  }

  listen(callback: (err?: unknown) => void): void {
    const patterns = [...this.getHandlers().keys()];
    const events: EventDefinition[] = [];
    for (const pattern of patterns) {
      const def = (EVENTS as Record<string, EventDefinition>)[pattern];
      if (!def) {
        callback(new Error(`@EventPattern('${pattern}') names no event in @tapcharge/contracts`));
        return;
      }
      events.push(def);
    }
    const { kafka, ...consumerOpts } = this.options;
    this.consumer = new EventConsumer(kafka, {
      ...consumerOpts,
      events,
      handle: (item) => this.dispatch(item),
    });
    this.consumer.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventTransport does not expose client events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async dispatch(item: ConsumedEvent): Promise<void> {
    const handler = this.getHandlerByPattern(item.event.type);
    if (!handler) return;
    const result = await handler(item.event, item);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
