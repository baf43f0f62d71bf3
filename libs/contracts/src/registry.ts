import type { EventDefinition } from './event-definition';
import { CdrCreatedV1 } from './events/cdr-created/cdr-created.v1';
import { CommandResultReadyV1 } from './events/command-result-ready/command-result-ready.v1';
import { ConnectorStatusChangedV1 } from './events/connector-status-changed/connector-status-changed.v1';
import { InvoiceIssuedV1 } from './events/invoice-issued/invoice-issued.v1';
import { MaxPriceReachedV1 } from './events/max-price-reached/max-price-reached.v1';
import { MeterValuesReceivedV1 } from './events/meter-values-received/meter-values-received.v1';
import { PaymentConfirmedV1 } from './events/payment-confirmed/payment-confirmed.v1';
import { ReconciliationMismatchV1 } from './events/reconciliation-mismatch/reconciliation-mismatch.v1';
import { SessionCompletedV1 } from './events/session-completed/session-completed.v1';
import { SessionStartedV1 } from './events/session-started/session-started.v1';
import { SessionUpdatedV1 } from './events/session-updated/session-updated.v1';
import { StartSessionRequestedV1 } from './events/start-session-requested/start-session-requested.v1';
import { StationBootedV1 } from './events/station-booted/station-booted.v1';
import { StationCommandCompletedV1 } from './events/station-command-completed/station-command-completed.v1';
import { StationCommandRequestedV1 } from './events/station-command-requested/station-command-requested.v1';
import { StationConnectionChangedV1 } from './events/station-connection-changed/station-connection-changed.v1';
import { StopSessionRequestedV1 } from './events/stop-session-requested/stop-session-requested.v1';
import { TariffChangedV1 } from './events/tariff-changed/tariff-changed.v1';
import { TerminalRegisteredV1 } from './events/terminal-registered/terminal-registered.v1';
import { TransactionStartedV1 } from './events/transaction-started/transaction-started.v1';
import { TransactionStoppedV1 } from './events/transaction-stopped/transaction-stopped.v1';

/**
 * Every event of the flow, grouped by producer. Renaming a type or topic breaks production consumers:
 * add a new version beside the old one instead.
 */
export const EVENTS = {
  // ocpp-gateway
  StationBooted: StationBootedV1,
  StationConnectionChanged: StationConnectionChangedV1,
  ConnectorStatusChanged: ConnectorStatusChangedV1,
  TransactionStarted: TransactionStartedV1,
  MeterValuesReceived: MeterValuesReceivedV1,
  TransactionStopped: TransactionStoppedV1,
  StationCommandCompleted: StationCommandCompletedV1,
  // ocpi-gateway
  StartSessionRequested: StartSessionRequestedV1,
  StopSessionRequested: StopSessionRequestedV1,
  PaymentConfirmed: PaymentConfirmedV1,
  TerminalRegistered: TerminalRegisteredV1,
  // session-engine
  StationCommandRequested: StationCommandRequestedV1,
  SessionStarted: SessionStartedV1,
  SessionUpdated: SessionUpdatedV1,
  MaxPriceReached: MaxPriceReachedV1,
  SessionCompleted: SessionCompletedV1,
  CommandResultReady: CommandResultReadyV1,
  // tariff-service
  TariffChanged: TariffChangedV1,
  // billing-cdr-service
  CdrCreated: CdrCreatedV1,
  InvoiceIssued: InvoiceIssuedV1,
  ReconciliationMismatch: ReconciliationMismatchV1,
} as const;

export type EventType = keyof typeof EVENTS;
export type AnyEventDefinition = (typeof EVENTS)[EventType];

const byTypeAndVersion = new Map<string, EventDefinition>(
  Object.values(EVENTS).map((d) => [`${d.type}@${d.version}`, d as EventDefinition]),
);

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byTypeAndVersion.get(`${type}@${version}`);
}

/** All topics by name; dead letters are `<topic>.dlq` with the same partition count. */
export const TOPICS = Object.fromEntries(Object.values(EVENTS).map((d) => [d.topic.name, d.topic]));

export function dlqTopicOf(topicName: string): string {
  return `${topicName}.dlq`;
}
