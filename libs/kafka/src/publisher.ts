import { encodeEvent, findEventDefinition, type EventEnvelope } from '@tapcharge/contracts';
import { CompressionTypes, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import { namespacedTopic } from './client';

export interface EventPublisherOptions {
  namespace?: string;
  /** How long a publish may wait for companions before the batch goes out (ms). */
  lingerMs?: number;
  /** Largest batch sent in one request. */
  maxBatchSize?: number;
  logger?: Logger;
}

interface Pending {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * A batching producer: `publish` enqueues and resolves once the broker acknowledged the batch holding the
 * event (acks=all). Never one awaited request per message; one request in flight at a time, so per-key order
 * is the order of `publish` calls. Not kafkajs's idempotent mode: that needs unbounded retries (a publish
 * would never fail while the broker is down); a retried send may duplicate a message instead, and every
 * consumer drops duplicates by event id.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly lingerMs: number;
  private readonly maxBatchSize: number;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private connected = false;
  private stopped = false;

  constructor(
    kafka: Kafka,
    private readonly opts: EventPublisherOptions = {},
  ) {
    this.producer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.lingerMs = opts.lingerMs ?? 2;
    this.maxBatchSize = opts.maxBatchSize ?? 500;
  }

  async start(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  /** Publishes one or more envelopes; resolves when all are acknowledged. Validates type and key. */
  publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    const list = Array.isArray(events) ? (events as readonly EventEnvelope[]) : [events as EventEnvelope];
    if (list.length === 0) return Promise.resolve();
    if (this.stopped) return Promise.reject(new Error('EventPublisher is stopped'));
    const promises = list.map((env) => {
      const def = findEventDefinition(env.type, env.version);
      if (!def) return Promise.reject(new Error(`unknown event ${env.type} v${env.version}`));
      const message: Message = {
        key: def.keyOf(env.payload as never),
        value: encodeEvent(env),
        headers: { 'event-type': env.type, 'event-id': env.eventId, 'correlation-id': env.correlationId },
      };
      return new Promise<void>((resolve, reject) => {
        this.queue.push({
          topic: namespacedTopic(def.topic.name, this.opts.namespace),
          message,
          resolve,
          reject,
        });
      });
    });
    this.schedule();
    return Promise.all(promises).then(() => undefined);
  }

  /** Sends raw messages to a topic (DLQ use); same batching and ordering. */
  publishRaw(topic: string, messages: Message[]): Promise<void> {
    const promises = messages.map(
      (message) =>
        new Promise<void>((resolve, reject) => this.queue.push({ topic, message, resolve, reject })),
    );
    this.schedule();
    return Promise.all(promises).then(() => undefined);
  }

  /** Waits until everything published so far is acknowledged. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      await (this.flushing ?? this.drain());
    }
  }

  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    if (this.queue.length >= this.maxBatchSize) {
      void this.drain();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.lingerMs);
  }

  private drain(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (batch.length === 0) return Promise.resolve();
    this.flushing = this.send(batch).finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async send(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      const list = byTopic.get(p.topic) ?? [];
      list.push(p.message);
      byTopic.set(p.topic, list);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      if (!this.connected) await this.start();
      await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      for (const p of batch) p.resolve();
    } catch (err) {
      this.opts.logger?.error({ err, messages: batch.length }, 'kafka publish failed');
      for (const p of batch) p.reject(err as Error);
    }
  }
}
