import type { Logger } from 'pino';
import type { OcppVersion, RpcErrorCode } from '@tapcharge/ocpp';
import type { StationRecord } from '../../domain/station';
import type { Clock } from '../ports/clock.port';
import type { EventSink } from '../ports/event-sink.port';
import type { RemoteStartRegistry } from '../ports/remote-start.port';
import type { StationStatusRecorder } from '../ports/station-status.port';
import type { TransactionStore } from '../ports/transaction-store.port';
import type { TransactionCache } from './transaction-cache';

/** One CALL from a charger. */
export interface InboundCall {
  stationId: string;
  protocol: OcppVersion;
  station: StationRecord;
  action: string;
  messageId: string;
  params: unknown;
  receivedAt: Date;
}

export interface InboundDeps {
  sink: EventSink;
  transactions: TransactionStore;
  remoteStarts: RemoteStartRegistry;
  cache: TransactionCache;
  /** Boot facts and "a frame arrived" for the operator's station list (written behind, never awaited). */
  status: StationStatusRecorder;
  clock: Clock;
  producer: string;
  heartbeatIntervalSeconds: number;
  log: Logger;
  /** Reports what was tolerated in a frame (metrics); never a reason to refuse it. */
  onTolerated(action: string, warnings: readonly string[]): void;
}

export type InboundHandler = (call: InboundCall, deps: InboundDeps) => Promise<Record<string, unknown>>;

/** The CALLERROR a frame deserves; the adapter spells the code for the connection's version. */
export class InboundRejection extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InboundRejection';
  }
}

/** Unwraps a tolerant read: the facts, or the CALLERROR for a missing/unusable essential field. */
export function required<T>(
  call: InboundCall,
  deps: InboundDeps,
  result: { ok: true; value: T; warnings: string[] } | { ok: false; code: RpcErrorCode; message: string },
): T {
  if (!result.ok) throw new InboundRejection(result.code, result.message);
  if (result.warnings.length > 0) deps.onTolerated(call.action, result.warnings);
  return result.value;
}
