import type { EventDefinition, EventEnvelope } from '@tapcharge/contracts';
import { createKafka } from '../client';
import { EventConsumer, type ConsumedEvent } from '../consumer';

/**
 * Records every event of some types from real Kafka, for assertions in integration and e2e tests.
 * `await recorder.waitFor(pred)` returns the first matching event or fails at the deadline.
 */
export class EventRecorder {
  readonly items: ConsumedEvent[] = [];
  private readonly consumer: EventConsumer;

  constructor(
    brokers: string[],
    events: readonly EventDefinition[],
    namespace: string,
    groupId = `recorder-${Math.random().toString(36).slice(2)}`,
  ) {
    this.consumer = new EventConsumer(createKafka({ brokers, clientId: groupId }), {
      groupId,
      namespace,
      events,
      fromBeginning: true,
      handle: async (item) => {
        this.items.push(item);
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  events(type?: string): EventEnvelope[] {
    return this.items.map((i) => i.event).filter((e) => !type || e.type === type);
  }

  /** The first recorded event matching `pred`; fails with a clear message at the deadline. */
  async waitFor(
    pred: (e: EventEnvelope) => boolean,
    timeoutMs = 20_000,
    description = 'a matching event',
  ): Promise<EventEnvelope> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.items.find((i) => pred(i.event));
      if (hit) return hit.event;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
