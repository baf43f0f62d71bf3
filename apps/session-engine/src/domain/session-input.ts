import type {
  StartSessionRequestedPayload,
  StationCommandCompletedPayload,
  StopSessionRequestedPayload,
  MeterValuesReceivedPayload,
  TransactionStartedPayload,
  TransactionStoppedPayload,
} from '@tapcharge/contracts';
import type { TimerKind } from './session';

/**
 * Everything that can happen to a session: the consumed events and our own timers. `observedAt` is when a
 * charger's message reached our edge (the gateway's event time): with the sample timestamps it tells the
 * charger's clock from ours, apart from the time the event then spent in our own pipeline.
 */
export type SessionInput = { observedAt?: string } & (
  | { type: 'StartSessionRequested'; payload: StartSessionRequestedPayload }
  | { type: 'StopSessionRequested'; payload: StopSessionRequestedPayload }
  | { type: 'TransactionStarted'; payload: TransactionStartedPayload }
  | { type: 'MeterValuesReceived'; payload: MeterValuesReceivedPayload }
  | { type: 'TransactionStopped'; payload: TransactionStoppedPayload }
  | { type: 'StationCommandCompleted'; payload: StationCommandCompletedPayload }
  | { type: 'Timer'; payload: { kind: TimerKind; dueAt: string } }
);
