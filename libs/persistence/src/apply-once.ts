import type { EventEnvelope } from '@tapcharge/contracts';
import { toOutbox, type Aggregate } from './aggregate-store';

export interface Decision<S> {
  state: S;
  emit: EventEnvelope[];
}

/**
 * Applies an event to an aggregate unless it was applied before (by event id). Returns the next aggregate
 * (version unchanged: `save` bumps it) or `undefined` when the event is a duplicate.
 */
export function applyOnce<S>(
  agg: Aggregate<S>,
  event: Pick<EventEnvelope, 'eventId'>,
  decide: (state: S) => Decision<S>,
): Aggregate<S> | undefined {
  if (agg.processedEventIds.includes(event.eventId)) return undefined;
  const { state, emit } = decide(agg.state);
  return {
    ...agg,
    state,
    processedEventIds: [...agg.processedEventIds, event.eventId],
    outbox: [...agg.outbox, ...toOutbox(emit)],
  };
}
