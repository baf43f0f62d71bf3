import type { Logger } from '@tapcharge/logging';
import { OutboxRelay, type AggregateStore, type OutboxPublisher } from '@tapcharge/persistence';
import type { TariffChangePublisher } from '../../application/ports/tariff-change-publisher.port';
import type { TariffDocState } from '../mongo/tariff.repository';
import { KeyedSerializer } from './keyed-serializer';

/**
 * Publishes the TariffChanged held in a tariff's document and clears it (OutboxRelay), always from a fresh
 * read and one tariff at a time, so what reaches the compacted topic last is the latest state. `recover`
 * re-sends what a crash or a broker outage left in documents; it runs at start and every `retryMs`.
 */
export class OutboxTariffChangePublisher implements TariffChangePublisher {
  private readonly relay: OutboxRelay<TariffDocState>;
  private readonly serializer = new KeyedSerializer();
  private timer: NodeJS.Timeout | undefined;
  private recovering: Promise<number> | undefined;

  constructor(
    private readonly store: AggregateStore<TariffDocState>,
    publisher: OutboxPublisher,
    private readonly log: Logger,
    private readonly retryMs: number,
  ) {
    this.relay = new OutboxRelay(store, publisher, { scanIntervalMs: 0, logger: log });
  }

  flush(tariffId: string): Promise<void> {
    return this.serializer.run(tariffId, async () => {
      const agg = await this.store.load(tariffId);
      if (agg) await this.relay.publish(agg);
    });
  }

  /** One pass over documents with unpublished events; returns how many were sent. */
  recover(): Promise<number> {
    this.recovering ??= this.scan().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  start(): void {
    if (this.retryMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.recover().catch((err: unknown) => this.log.warn({ err }, 'outbox recovery pass failed'));
    }, this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.recovering?.catch(() => undefined);
  }

  private async scan(): Promise<number> {
    const pending = await this.store.withPendingOutbox(100);
    for (const agg of pending) await this.flush(agg.id);
    if (pending.length > 0) this.log.info({ tariffs: pending.length }, 're-sent pending TariffChanged');
    return pending.length;
  }
}
