import type { EventEnvelope } from '@tapcharge/contracts';
import type { Logger } from 'pino';
import { fromOutbox, type Aggregate, type AggregateStore } from './aggregate-store';

/** What the relay needs from a publisher (`EventPublisher` from @tapcharge/kafka fits). */
export interface OutboxPublisher {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

export interface OutboxRelayOptions {
  /** How often to scan for outboxes left behind by a crash (ms); 0 disables the timer. */
  scanIntervalMs?: number;
  batchSize?: number;
  logger?: Logger;
}

/**
 * Publishes an aggregate's outbox and then empties it. Handlers call `publish(saved)` right after `save`;
 * the periodic scan re-sends outboxes whose publish never finished (a crash between state write and
 * publish). Events keep their deterministic ids, so a re-send is dropped by consumers as a duplicate.
 */
export class OutboxRelay<S> {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<number> | undefined;

  constructor(
    private readonly store: AggregateStore<S>,
    private readonly publisher: OutboxPublisher,
    private readonly opts: OutboxRelayOptions = {},
  ) {}

  async publish(saved: Aggregate<S>): Promise<void> {
    if (saved.outbox.length === 0) return;
    await this.publisher.publish(fromOutbox(saved.outbox));
    await this.store.clearOutbox(saved.id, saved.version);
  }

  /** One recovery pass; returns how many aggregates' outboxes were published. */
  recover(): Promise<number> {
    this.scanning ??= this.scan().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  start(): void {
    const every = this.opts.scanIntervalMs ?? 5_000;
    if (every <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.recover().catch((err: unknown) => this.opts.logger?.warn({ err }, 'outbox recovery pass failed'));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.scanning;
  }

  private async scan(): Promise<number> {
    let total = 0;
    for (;;) {
      const pending = await this.store.withPendingOutbox(this.opts.batchSize ?? 100);
      if (pending.length === 0) return total;
      for (const agg of pending) await this.publish(agg);
      total += pending.length;
      this.opts.logger?.info({ aggregates: pending.length }, 're-sent pending outboxes');
      if (pending.length < (this.opts.batchSize ?? 100)) return total;
    }
  }
}
