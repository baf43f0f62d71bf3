import type { Logger } from '@tapcharge/logging';
import type { CommandRepository } from '../ports/command-repository.port';
import type { EventPublisherPort } from '../ports/event-publisher.port';
import type { PaymentsRepository } from '../ports/payments-repository.port';

/**
 * Crash/outage recovery for events the HTTP handlers could not publish at once (Kafka down): they were
 * stored with the command or FAC, and are re-published here. Ids are deterministic, so a double publish is
 * dropped by consumers.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly commands: CommandRepository,
    private readonly payments: PaymentsRepository,
    private readonly publisher: EventPublisherPort,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.pass)
        this.pass = this.runOnce()
          .catch((err: unknown) => this.logger.warn({ err }, 'outbox relay pass failed'))
          .finally(() => (this.pass = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }

  async runOnce(): Promise<void> {
    for (const c of await this.commands.unpublished(50)) {
      if (!c.event) continue;
      await this.publisher.publish(c.event);
      await this.commands.markPublished(c.sessionId);
    }
    for (const f of await this.payments.unpublishedFacs(50)) {
      if (!f.event) continue;
      await this.publisher.publish(f.event);
      await this.payments.markFacPublished(f.ptp, f.fac.id);
    }
  }
}
