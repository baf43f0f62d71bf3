import { isEvent, StationCommandRequestedV1 } from '@tapcharge/contracts';
import { EventConsumer, type EventPublisher } from '@tapcharge/kafka';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@tapcharge/logging';
import type { ExecuteStationCommand } from '../../application/commands/execute-station-command.use-case';

/**
 * Every gateway instance reads the whole command topic in a consumer group of its own (group id =
 * instance id) and acts only for the sockets it holds (ADR 0004). A command is carried out in the
 * background, so one slow charger never holds up the partition; commands of one station still go out
 * in order because ocpp-ws-io sends one CALL at a time per connection.
 */
export class StationCommandConsumer {
  private readonly consumer: EventConsumer;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    kafka: Kafka,
    opts: { instanceId: string; namespace: string; deadLetters: EventPublisher; log: Logger },
    private readonly useCase: ExecuteStationCommand,
  ) {
    this.consumer = new EventConsumer(kafka, {
      groupId: `ocpp-gateway.commands.${opts.instanceId}`,
      namespace: opts.namespace,
      events: [StationCommandRequestedV1],
      // A new instance must not replay old commands: only what is requested from now on.
      fromBeginning: false,
      deadLetterPublisher: opts.deadLetters,
      logger: opts.log,
      handle: async ({ event }) => {
        if (!isEvent(event, StationCommandRequestedV1)) return;
        const run = this.useCase
          .execute(event)
          .catch((err: Error) =>
            opts.log.error({ err, commandId: event.payload.commandId }, 'command failed'),
          )
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  /** Messages behind per `topic/partition` (for `kafka_consumer_lag`). */
  lag(): Record<string, number> {
    return this.consumer.lag();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    await Promise.allSettled([...this.inFlight]);
  }
}
