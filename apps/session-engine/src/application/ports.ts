import type { EventEnvelope } from '@tapcharge/contracts';
import type { Session } from '../domain/session';

/** A stored session: state + version + handled event ids + unpublished events (one document). */
export interface StoredSession {
  id: string;
  version: number;
  state: Session;
  /** The newest PROCESSED_IDS_KEPT ids of events applied (redeliveries come within one uncommitted batch). */
  processedEventIds: string[];
  outbox: Array<{ eventId: string; json: string }>;
}

export interface SessionRepository {
  loadMany(ids: readonly string[]): Promise<Map<string, StoredSession>>;
  /** Atomic, version-guarded write of state + processed ids + outbox; returns the stored version. */
  save(next: StoredSession, expectedVersion: number): Promise<StoredSession>;
  clearOutbox(id: string, version: number): Promise<void>;
  /** Sessions still open (not terminal) whose events arrive on these partitions. */
  findOpen(partitions: readonly number[]): Promise<StoredSession[]>;
}

export interface EventSink {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

/** Time source; the bench may run it faster than real time (same code path). */
export interface Clock {
  now(): Date;
  /** Calls `fn` when `now()` reaches `at`. */
  at(at: Date, fn: () => void): { cancel(): void };
  /**
   * A wall-clock instant from another service (e.g. the gateway's event time) on this clock's timeline: the
   * same instant for the real clock; mapped for an accelerated one (benches, where only the engine and the
   * simulated chargers run fast).
   */
  fromWall?(wall: Date): Date;
}

export interface EngineMetrics {
  sessionState(from: string | undefined, to: string): void;
  costLimitStop(trigger: 'METER_VALUES' | 'TIMER'): void;
  /** Meter values consumed -> RemoteStop published, for stops a sample decided, in ms. */
  meterToStopLatency(ms: number): void;
  /** A cost-limit timer's due time -> its RemoteStop published, in ms of the engine's clock. */
  timerToStopLatency?(ms: number): void;
  /** Meter values consumed -> the cost-limit decision made (stop sent or timer armed), every sample, in ms. */
  meterDecisionLatency?(ms: number): void;
  batch(events: number, sessions: number, ms: number): void;
}

export const realClock: Clock = {
  now: () => new Date(),
  at: (at, fn) => {
    const t = setTimeout(fn, Math.max(0, at.getTime() - Date.now()));
    return { cancel: () => clearTimeout(t) };
  },
};

/** A clock running `speed` times faster than real time from `origin` (benches and demos only). */
export function acceleratedClock(speed: number, origin = new Date()): Clock {
  const realStart = Date.now();
  const now = () => new Date(origin.getTime() + (Date.now() - realStart) * speed);
  return {
    now,
    fromWall: (wall) => new Date(origin.getTime() + (wall.getTime() - realStart) * speed),
    at: (at, fn) => {
      const t = setTimeout(fn, Math.max(0, (at.getTime() - now().getTime()) / speed));
      return { cancel: () => clearTimeout(t) };
    },
  };
}

/**
 * How many handled event ids a session remembers for de-duplication. A redelivery after a crash or a
 * rebalance repeats at most the batches not yet committed, a few events of any one session; every id kept is
 * ~40 bytes written with every snapshot.
 */
export const PROCESSED_IDS_KEPT = 128;
