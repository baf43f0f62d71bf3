import { EVENTS, isEvent, type EventEnvelope, type SessionSnapshot } from '@tapcharge/contracts';
import { EventConsumer, PermanentError, type ConsumedEvent } from '@tapcharge/kafka';
import type { Logger } from '@tapcharge/logging';
import type { Kafka } from 'kafkajs';
import { InvalidEventError } from '../../application/events/invalid-event.error';
import type { OnCdrCreatedUseCase } from '../../application/events/on-cdr-created.use-case';
import type { OnCommandResultReadyUseCase } from '../../application/events/on-command-result-ready.use-case';
import type { OnConnectorStatusChangedUseCase } from '../../application/events/on-connector-status-changed.use-case';
import type { OnSessionEventUseCase } from '../../application/events/on-session-event.use-case';
import type { OnTariffChangedUseCase } from '../../application/events/on-tariff-changed.use-case';

export interface GatewayEventHandlers {
  connectorStatus: OnConnectorStatusChangedUseCase;
  tariff: OnTariffChangedUseCase;
  session: OnSessionEventUseCase;
  cdr: OnCdrCreatedUseCase;
  commandResult: OnCommandResultReadyUseCase;
}

export const CONSUMED_EVENTS = [
  EVENTS.ConnectorStatusChanged,
  EVENTS.TariffChanged,
  EVENTS.SessionStarted,
  EVENTS.SessionUpdated,
  EVENTS.SessionCompleted,
  EVENTS.CdrCreated,
  EVENTS.CommandResultReady,
];

/** Routes consumed events to their use cases; a bad payload is dead-lettered, anything else retried. */
export function createGatewayConsumer(
  kafka: Kafka,
  opts: { groupId: string; namespace: string; logger: Logger },
  handlers: GatewayEventHandlers,
): EventConsumer {
  const dispatch = async (event: EventEnvelope): Promise<void> => {
    if (isEvent(event, EVENTS.ConnectorStatusChanged)) return handlers.connectorStatus.execute(event);
    if (isEvent(event, EVENTS.TariffChanged)) return handlers.tariff.execute(event);
    if (
      isEvent(event, EVENTS.SessionStarted) ||
      isEvent(event, EVENTS.SessionUpdated) ||
      isEvent(event, EVENTS.SessionCompleted)
    ) {
      return handlers.session.execute(event as EventEnvelope<string, SessionSnapshot>);
    }
    if (isEvent(event, EVENTS.CdrCreated)) return handlers.cdr.execute(event);
    if (isEvent(event, EVENTS.CommandResultReady)) return handlers.commandResult.execute(event);
  };
  return new EventConsumer(kafka, {
    groupId: opts.groupId,
    namespace: opts.namespace,
    events: CONSUMED_EVENTS,
    logger: opts.logger,
    handle: async ({ event }: ConsumedEvent) => {
      try {
        await dispatch(event);
      } catch (err) {
        if (err instanceof InvalidEventError) throw new PermanentError(err.message, err.code);
        throw err;
      }
    },
  });
}
