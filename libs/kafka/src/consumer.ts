import {
  ContractViolation,
  decodeEvent,
  dlqTopicOf,
  type EventDefinition,
  type EventEnvelope,
} from '@tapcharge/contracts';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { namespacedTopic } from './client';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { DedupeWindow } from './dedupe-window';
import { PermanentError } from './errors';
import { EventPublisher } from './publisher';

export interface ConsumedEvent {
  event: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

export type EventHandler = (item: ConsumedEvent) => Promise<void>;
export type BatchHandler = (items: ConsumedEvent[]) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  events: readonly EventDefinition[];
  namespace?: string;
  /** One event at a time, in partition order. Exactly one of `handle` / `handleBatch`. */
  handle?: EventHandler;
  /**
   * A whole fetched batch of one partition at once (hot paths: one store write per aggregate per batch).
   * If it throws, the batch is retried one event at a time so a poison event is isolated.
   */
  handleBatch?: BatchHandler;
  /** Attempts before an event that keeps failing goes to `<topic>.dlq` (default 5). */
  maxAttempts?: number;
  retryBackoffMs?: number;
  dedupeCapacity?: number;
  /** Assign partition N of every topic to one member (see CoPartitionedAssigner). */
  coPartitioned?: boolean;
  /** A new group starts at the beginning (default) so nothing published before its first start is missed. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Publisher for dead letters; one is created when absent. */
  deadLetterPublisher?: EventPublisher;
  onAssignment?: (assignment: Record<string, number[]>) => void;
  logger?: Logger;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a consumer group on `eachBatch`: decodes and validates every message, drops duplicate event ids,
 * calls the handler, and resolves an offset only after its event was handled (or dead-lettered), so a
 * crash re-delivers what was not finished. Poison messages go to `<topic>.dlq` with error headers and the
 * partition moves on.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dedupe: DedupeWindow;
  private readonly dlq: EventPublisher;
  private readonly ownsDlq: boolean;
  private readonly maxAttempts: number;
  private readonly backoff: number;
  private readonly heartbeatMs: number;
  private joined: Promise<void> | undefined;
  private running = false;
  private readonly lags = new Map<string, number>();

  constructor(
    kafka: Kafka,
    private readonly opts: EventConsumerOptions,
  ) {
    if (!opts.handle === !opts.handleBatch)
      throw new Error('EventConsumer needs exactly one of handle / handleBatch');
    this.consumer = kafka.consumer({
      groupId: namespacedTopic(opts.groupId, opts.namespace),
      // Short, so a crashed member's partitions move on quickly (sessions are unattended meanwhile); long
      // batches keep the membership by heartbeating while they run (whileBeating).
      sessionTimeout: opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: opts.heartbeatIntervalMs ?? 1_000,
      allowAutoTopicCreation: false,
      ...(opts.coPartitioned ? { partitionAssigners: [CoPartitionedAssigner] } : {}),
    });
    this.dedupe = new DedupeWindow(opts.dedupeCapacity);
    this.ownsDlq = !opts.deadLetterPublisher;
    this.dlq = opts.deadLetterPublisher ?? new EventPublisher(kafka, { namespace: opts.namespace });
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.backoff = opts.retryBackoffMs ?? 200;
    this.heartbeatMs = opts.heartbeatIntervalMs ?? 1_000;
  }

  /** Connects, subscribes and resolves once the group has been joined (deadline `joinTimeoutMs`). */
  async start(joinTimeoutMs = 60_000): Promise<void> {
    if (this.running) return this.joined;
    this.running = true;
    if (this.ownsDlq) await this.dlq.start();
    this.joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`consumer group ${this.opts.groupId} did not join within ${joinTimeoutMs} ms`)),
        joinTimeoutMs,
      );
      this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
        clearTimeout(timer);
        this.opts.logger?.info(
          { group: e.payload.groupId, assignment: e.payload.memberAssignment },
          'joined group',
        );
        this.opts.onAssignment?.(e.payload.memberAssignment);
        resolve();
      });
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.opts.events.map((d) => namespacedTopic(d.topic.name, this.opts.namespace)),
      fromBeginning: this.opts.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    return this.joined;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
    if (this.ownsDlq) await this.dlq.stop();
  }

  /** Messages behind the high watermark per `topic/partition`, as of the last batch handled (for metrics). */
  lag(): Record<string, number> {
    return Object.fromEntries(this.lags);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    this.lags.set(`${batch.topic}/${batch.partition}`, Number(batch.offsetLag()));
    const decoded: Array<{ message: KafkaMessage; item?: ConsumedEvent; error?: Error }> = [];
    for (const message of batch.messages) {
      try {
        const event = decodeEvent(message.value);
        decoded.push({
          message,
          item: {
            event,
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
          },
        });
      } catch (err) {
        decoded.push({ message, error: err as Error });
      }
    }

    if (this.opts.handleBatch) {
      const fresh = decoded.flatMap((d) =>
        d.item && !this.dedupe.has(d.item.event.eventId) ? [d.item] : [],
      );
      const poison = decoded.filter((d) => d.error);
      if (poison.length === 0 && fresh.length > 0) {
        try {
          await this.whileBeating(heartbeat, () => this.opts.handleBatch!(fresh));
          for (const f of fresh) this.dedupe.add(f.event.eventId);
          const last = batch.messages[batch.messages.length - 1];
          if (last) resolveOffset(last.offset);
          await commitOffsetsIfNecessary();
          return;
        } catch (err) {
          this.opts.logger?.warn(
            { err, topic: batch.topic, partition: batch.partition },
            'batch failed; retrying one by one',
          );
        }
      }
    }

    for (const d of decoded) {
      if (!isRunning() || isStale()) return;
      if (d.error) {
        await this.deadLetter(batch.topic, batch.partition, d.message, d.error, 0);
      } else if (d.item && !this.dedupe.has(d.item.event.eventId)) {
        await this.handleWithRetries(d.item, d.message, heartbeat);
      }
      resolveOffset(d.message.offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }

  /**
   * Runs a handler while heartbeating in the background: kafkajs only heartbeats between batches, so a batch
   * that takes longer than the session timeout would get the member evicted, its commit refused, and the same
   * batch handled again after the rejoin — on a loaded machine, over and over (seen in the cost-limit bench).
   */
  private async whileBeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    const every = Math.max(500, Math.floor(this.heartbeatMs));
    const timer = setInterval(() => void heartbeat().catch(() => undefined), every);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async handleWithRetries(
    item: ConsumedEvent,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { handle: single, handleBatch } = this.opts;
    const handle = single ?? ((i: ConsumedEvent) => (handleBatch ? handleBatch([i]) : Promise.resolve()));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.whileBeating(heartbeat, () => handle(item));
        this.dedupe.add(item.event.eventId);
        return;
      } catch (err) {
        const permanent = err instanceof PermanentError || err instanceof ContractViolation;
        if (permanent || attempt >= this.maxAttempts) {
          await this.deadLetter(item.topic, item.partition, message, err as Error, attempt);
          return;
        }
        this.opts.logger?.warn(
          {
            err,
            eventId: item.event.eventId,
            type: item.event.type,
            attempt,
            authorization_reference: item.event.authorizationReference,
            correlation_id: item.event.correlationId,
          },
          'handler failed; retrying',
        );
        await sleep(Math.min(this.backoff * 2 ** (attempt - 1), 3_000));
        await heartbeat();
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    err: Error,
    attempts: number,
  ): Promise<void> {
    const code = (err as { code?: unknown }).code;
    this.opts.logger?.error(
      { err, topic, partition, offset: message.offset, attempts },
      'dead-lettering message',
    );
    await this.dlq.publishRaw(dlqTopicOf(topic), [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'dlq-error': err.message.slice(0, 1000),
          'dlq-error-code': typeof code === 'string' ? code : err.name,
          'dlq-original-topic': topic,
          'dlq-original-partition': String(partition),
          'dlq-original-offset': message.offset,
          'dlq-consumer-group': this.opts.groupId,
          'dlq-attempts': String(attempts),
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ]);
  }
}
