import { EventConsumer, type ConsumedEvent } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import type { Kafka } from 'kafkajs';
import type { ProjectReceiptEventsUseCase } from '../../application/project-receipt-events.use-case';
import { RECEIPT_EVENTS, toReceiptEvent, type ReceiptEvent } from '../../application/receipt-event.mapper';

/**
 * Consumes the receipt's events a whole fetched batch at a time (one store write per reference per batch).
 * Offsets are committed only after the batch is stored; a failing event is retried alone and then
 * dead-lettered by EventConsumer.
 */
export function createReceiptConsumer(
  kafka: Kafka,
  opts: { groupId: string; namespace: string; logger: Logger },
  project: ProjectReceiptEventsUseCase,
): EventConsumer {
  return new EventConsumer(kafka, {
    groupId: opts.groupId,
    namespace: opts.namespace,
    events: RECEIPT_EVENTS,
    logger: opts.logger,
    handleBatch: async (items: ConsumedEvent[]) => {
      const events = items
        .map((i) => toReceiptEvent(i.event))
        .filter((e): e is ReceiptEvent => e !== undefined);
      if (events.length > 0) await project.execute(events);
    },
  });
}
