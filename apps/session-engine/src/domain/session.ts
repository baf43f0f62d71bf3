import type {
  CdrToken,
  ConnectorRef,
  MeterSample,
  Money,
  PartyRef,
  SessionState as SessionStateName,
  StopReason,
  TransactionStoppedPayload,
} from '@tapcharge/contracts';

export type TimerKind = 'START_TIMEOUT' | 'COST_LIMIT' | 'STOP_RETRY';

export interface Timer {
  kind: TimerKind;
  /** ISO instant. */
  dueAt: string;
}

export interface StopRequest {
  reason: StopReason;
  requestedAt: string;
  /** Stop commands sent so far (each with its own command id). */
  attempts: number;
  /** The OCPI STOP_SESSION still waiting for its CommandResult, if a PTP asked. */
  pendingResult?: { responseUrl: string };
  confirmedByCharger?: boolean;
}

export interface UnexpectedEvent {
  type: string;
  inState: SessionStateName;
  at: string;
  note: string;
}

/** The charging session aggregate, as persisted (one document per session). */
export interface Session {
  sessionId: string;
  authorizationReference: string;
  correlationId: string;
  ptp: PartyRef;
  ocpiVersion: '2.2.1' | '2.3.0';
  connector: ConnectorRef;
  token: CdrToken;
  startResponseUrl: string;
  /** The OCPI tariff the driver saw, locked at start. */
  tariff: Record<string, unknown>;
  tariffId?: string;
  timeZone: string;
  limitInclVat: Money;
  state: SessionStateName;
  /** Kafka partition the session's events arrive on (for restoring timers on assignment). */
  partition?: number;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  remoteStartId: number;
  idTag: string;
  startResultSent: boolean;
  transactionId?: string;
  samples: MeterSample[];
  /**
   * Meter values (and a stop) of our transaction that overtook its TransactionStarted: they travel on other
   * topics, and Kafka orders only within a partition of one topic. Applied when the start arrives.
   */
  early?: { samples: MeterSample[]; stopped?: TransactionStoppedPayload };
  /** When (our clock) the last sample arrived: the loop measures elapsed time on our clock, not the charger's. */
  lastSampleAt?: string;
  /**
   * Our clock minus the charger's: the smallest (arrival at our edge - message timestamp) seen, i.e. clock skew
   * plus the fastest network delivery (see observeClock in session.decider.ts).
   */
  clockOffsetMs?: number;
  energyWh: number;
  lastPowerW?: number;
  maxPowerW: number;
  cost: { exclVat: string; inclVat: string };
  stop?: StopRequest;
  /** Stop asked while the charger had not started yet: sent as soon as the transaction starts. */
  stopWhenStarted?: StopRequest;
  maxPriceReachedAt?: string;
  flaggedForReconciliation: boolean;
  timers: Timer[];
  lastUpdateSentAt?: string;
  unexpected: UnexpectedEvent[];
  lastUpdated: string;
}

/** States in which the session still expects events from the charger (restored with timers after restart). */
export const OPEN_STATES: readonly SessionStateName[] = ['PENDING', 'STARTING', 'ACTIVE', 'STOPPING'];

export const OCPI_STATUS: Record<SessionStateName, 'PENDING' | 'ACTIVE' | 'COMPLETED' | 'INVALID'> = {
  PENDING: 'PENDING',
  STARTING: 'PENDING',
  ACTIVE: 'ACTIVE',
  STOPPING: 'ACTIVE',
  COMPLETED: 'COMPLETED',
  REJECTED: 'INVALID',
  FAILED: 'INVALID',
};
