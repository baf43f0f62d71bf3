import { isEvent, StationConnectionChangedV1 } from '@tapcharge/contracts';
import { EventConsumer, type EventPublisher } from '@tapcharge/kafka';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@tapcharge/logging';
import type { StationConnections } from '../../application/connection/station-connections.use-case';

/**
 * Every instance reads StationConnectionChanged in a consumer group of its own (like commands): when a
 * station it holds connected to another instance later, its own, older socket is closed, so commands
 * have one destination (the newer connection wins across instances, ADR 0004 §3).
 */
export class StationConnectionConsumer {
  private readonly consumer: EventConsumer;

  constructor(
    kafka: Kafka,
    opts: { instanceId: string; namespace: string; deadLetters: EventPublisher; log: Logger },
    connections: StationConnections,
  ) {
    this.consumer = new EventConsumer(kafka, {
      groupId: `ocpp-gateway.connections.${opts.instanceId}`,
      namespace: opts.namespace,
      events: [StationConnectionChangedV1],
      // Only connections from now on matter; an old one is long superseded.
      fromBeginning: false,
      deadLetterPublisher: opts.deadLetters,
      logger: opts.log,
      handleBatch: async (items) => {
        for (const { event } of items) {
          if (isEvent(event, StationConnectionChangedV1)) await connections.changedElsewhere(event.payload);
        }
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Messages behind per `topic/partition` (for `kafka_consumer_lag`). */
  lag(): Record<string, number> {
    return this.consumer.lag();
  }
}
