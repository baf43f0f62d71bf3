import type {
  StartSessionRequestedPayload,
  StationCommandCompletedPayload,
  StopSessionRequestedPayload,
  MeterValuesReceivedPayload,
  TransactionStartedPayload,
  TransactionStoppedPayload,
} from '@tapcharge/contracts';
import type { TimerKind } from './session';

/** Everything that can happen to a session: the consumed events and our own timers. */
export type SessionInput =
  | { type: 'StartSessionRequested'; payload: StartSessionRequestedPayload }
  | { type: 'StopSessionRequested'; payload: StopSessionRequestedPayload }
  | { type: 'TransactionStarted'; payload: TransactionStartedPayload }
  | { type: 'MeterValuesReceived'; payload: MeterValuesReceivedPayload }
  | { type: 'TransactionStopped'; payload: TransactionStoppedPayload }
  | { type: 'StationCommandCompleted'; payload: StationCommandCompletedPayload }
  | { type: 'Timer'; payload: { kind: TimerKind; dueAt: string } };
