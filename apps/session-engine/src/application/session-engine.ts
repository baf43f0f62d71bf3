import {
  createEvent,
  deriveEventId,
  EVENTS,
  type EventDefinition,
  type EventEnvelope,
} from '@tapcharge/contracts';
import { KeyedMutex } from '@tapcharge/persistence';
import type { Logger } from 'pino';
import type { CostModel, CostModelFactory } from '../domain/cost-model';
import type { EngineSettings } from '../domain/engine-settings';
import { OPEN_STATES, type Session, type Timer } from '../domain/session';
import type { SessionInput } from '../domain/session-input';
import { decide, type DecideContext, type Emit } from '../domain/session.decider';
import type { Clock, EngineMetrics, EventSink, SessionRepository, StoredSession } from './ports';
import { DecayingMax, StopLatencyTracker } from './stop-latency-tracker';

/** A consumed event as the engine needs it (transport-agnostic view of ConsumedEvent). */
export interface IncomingEvent {
  event: EventEnvelope;
  partition: number;
  /** When the batch holding it was received (ms, performance clock) — for the latency figure. */
  receivedAtMs?: number;
}

export const CONSUMED_EVENTS: readonly EventDefinition[] = [
  EVENTS.StartSessionRequested,
  EVENTS.StopSessionRequested,
  EVENTS.TransactionStarted,
  EVENTS.MeterValuesReceived,
  EVENTS.TransactionStopped,
  EVENTS.StationCommandCompleted,
];

const TERMINAL = new Set(['COMPLETED', 'REJECTED', 'FAILED']);
const PRODUCER = 'session-engine';

export interface SessionEngineDeps {
  repository: SessionRepository;
  sink: EventSink;
  clock: Clock;
  settings: EngineSettings;
  costModelFactory: CostModelFactory;
  metrics?: EngineMetrics;
  logger: Logger;
}

/**
 * The session engine's hot path (DESIGN.md §4): it owns the sessions of its partitions in memory, handles a
 * whole batch, writes one snapshot per changed session, then publishes. Timers (start timeout, cost-limit
 * crossing, stop retry) run through the same path, serialised with batches.
 */
export class SessionEngine {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly models = new Map<string, CostModel>();
  private readonly timers = new Map<string, { dueAt: string; handle: { cancel(): void } }>();
  private readonly latency: StopLatencyTracker;
  /** How late timers run (event loop and the batch queue ahead of them), in seconds of the engine's clock. */
  private readonly timerLateness = new DecayingMax(30);
  /** Per-session serialisation: batches and timers of different sessions run side by side. */
  private readonly sessionLocks = new KeyedMutex();
  /** Resolves when no exclusive operation (partition restore, shutdown) is pending. */
  private gate: Promise<void> = Promise.resolve();
  private readonly inflight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: SessionEngineDeps) {
    this.latency = new StopLatencyTracker(deps.settings.defaultStopLatencyS);
  }

  /** Handles one consumed batch; resolves after state is stored and events are published (then offsets commit). */
  handleBatch(items: readonly IncomingEvent[]): Promise<void> {
    const inputs = items.map((i) => ({ ...i, input: toInput(i.event, this.deps.clock) }));
    const ids = [
      ...new Set(inputs.flatMap((i) => (i.input && sessionIdOf(i.input) ? [sessionIdOf(i.input)!] : []))),
    ];
    return this.shared(ids, () => this.process(inputs, ids));
  }

  /** Restores the open sessions of newly assigned partitions and re-arms their timers. */
  onAssignment(partitions: readonly number[]): Promise<void> {
    return this.exclusive(async () => {
      const keep = new Set(partitions);
      for (const [id, stored] of this.sessions) {
        if (stored.state.partition !== undefined && !keep.has(stored.state.partition)) this.forget(id);
      }
      const open = await this.deps.repository.findOpen(partitions);
      for (const stored of open) {
        this.sessions.set(stored.id, stored);
        this.schedule(stored.state);
      }
      this.deps.logger.info({ partitions, restored: open.length }, 'partitions assigned');
    });
  }

  /** Sessions currently held in memory, by state (for metrics and /ready). */
  countByState(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.sessions.values()) out[s.state.state] = (out[s.state.state] ?? 0) + 1;
    return out;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.timers.get(id)?.handle.cancel();
    this.timers.clear();
    await this.exclusive(async () => undefined).catch(() => undefined);
  }

  /**
   * Work on some sessions: waits for a pending exclusive operation, then holds those sessions' locks (taken in
   * sorted order, so two batches never wait on each other crosswise). A MeterValues batch or a cost-limit timer
   * no longer queues behind the snapshot writes of unrelated sessions.
   */
  private shared<T>(sessionIds: readonly string[], fn: () => Promise<T>): Promise<T> {
    const locked = [...sessionIds]
      .sort()
      .reduceRight<() => Promise<T>>((inner, id) => () => this.sessionLocks.run(id, inner), fn);
    const run = this.gate.then(locked);
    const tracked = run.catch(() => undefined);
    this.inflight.add(tracked);
    void tracked.then(() => this.inflight.delete(tracked));
    return run;
  }

  /** Work on the whole in-memory state (restore on assignment, shutdown): waits for everything in flight. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // Only what started before us: work that arrives after this call waits behind us at the gate.
    const before = [...this.inflight];
    const run = this.gate.then(async () => {
      await Promise.all(before);
      return fn();
    });
    this.gate = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async process(
    items: Array<IncomingEvent & { input: SessionInput | undefined }>,
    ids: readonly string[],
  ): Promise<void> {
    const started = performance.now();
    const missing = ids.filter((id) => !this.sessions.has(id));
    if (missing.length) {
      const loaded = await this.deps.repository.loadMany(missing);
      for (const [id, stored] of loaded) this.sessions.set(id, stored);
    }

    const dirty = new Map<string, { expectedVersion: number }>();
    const published: Array<{ env: EventEnvelope; receivedAtMs?: number }> = [];
    for (const item of items) {
      const id = item.input && sessionIdOf(item.input);
      if (!item.input || !id) continue;
      const stored = this.sessions.get(id);
      if (stored?.processedEventIds.includes(item.event.eventId)) continue;
      const emitted = this.apply(id, stored, item.input, item.event, item.partition);
      if (!emitted) continue;
      if (!dirty.has(id)) dirty.set(id, { expectedVersion: stored?.version ?? 0 });
      for (const env of emitted)
        published.push({
          env,
          ...(item.receivedAtMs !== undefined ? { receivedAtMs: item.receivedAtMs } : {}),
        });
    }
    if (dirty.size === 0) return;

    const stopSentAt = await this.persistAndPublish(
      dirty,
      published.map((p) => p.env),
    );
    const now = performance.now();
    for (const p of published) {
      if (stopSentAt !== undefined && isStopCommand(p.env) && p.receivedAtMs !== undefined) {
        this.deps.metrics?.meterToStopLatency(stopSentAt - p.receivedAtMs);
      }
    }
    this.deps.metrics?.batch(items.length, dirty.size, now - started);
  }

  /** Applies one input to a session in memory; returns the envelopes it emits, or undefined if nothing changed. */
  private apply(
    id: string,
    stored: StoredSession | undefined,
    input: SessionInput,
    cause: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'authorizationReference'>,
    partition?: number,
  ): EventEnvelope[] | undefined {
    const before = stored?.state;
    const decision = decide(before, input, this.context());
    if (!decision.session) return undefined;
    const session = decision.session;
    if (partition !== undefined) session.partition = partition;
    this.observeLatency(before, session, input);
    const envelopes = decision.emits.map((e) => this.envelope(e, cause, session));
    const next: StoredSession = {
      id,
      version: stored?.version ?? 0,
      state: session,
      processedEventIds: [...(stored?.processedEventIds ?? []), cause.eventId].slice(-500),
      outbox: [
        ...(stored?.outbox ?? []),
        ...envelopes.map((env) => ({ eventId: env.eventId, json: JSON.stringify(env) })),
      ],
    };
    this.sessions.set(id, next);
    if (before?.state !== session.state) this.deps.metrics?.sessionState(before?.state, session.state);
    for (const e of decision.emits)
      if (e.type === 'MaxPriceReached') this.deps.metrics?.costLimitStop(e.payload.trigger);
    this.logTransition(before, session, decision.emits, cause);
    return envelopes;
  }

  private async persistAndPublish(
    dirty: Map<string, { expectedVersion: number }>,
    events: EventEnvelope[],
  ): Promise<number | undefined> {
    // A RemoteStop is time-critical (every millisecond is energy delivered past the decision), so it goes out
    // before the snapshot write. Safe: its id derives from its cause, so after a crash before the write Kafka
    // redelivers the cause, the same decision re-emits the same id, and the gateway drops the repeat.
    const urgent = events.filter(isStopCommand);
    let urgentSentAt: number | undefined;
    if (urgent.length) {
      await this.deps.sink.publish(urgent);
      urgentSentAt = performance.now();
    }
    const writes = [...dirty].map(async ([id, { expectedVersion }]) => {
      const next = this.sessions.get(id);
      if (!next) return;
      try {
        const saved = await this.deps.repository.save(next, expectedVersion);
        this.sessions.set(id, { ...saved, outbox: next.outbox });
      } catch (err) {
        // Another owner wrote it (rebalance): drop our copy; the redelivered batch starts from the store.
        this.forget(id);
        throw err;
      }
    });
    await Promise.all(writes);
    const rest = events.filter((e) => !isStopCommand(e));
    if (rest.length) await this.deps.sink.publish(rest);
    for (const id of dirty.keys()) {
      const stored = this.sessions.get(id);
      if (!stored) continue;
      const sent = { ...stored, outbox: [] };
      this.sessions.set(id, sent);
      if (TERMINAL.has(stored.state.state)) {
        // Finished sessions get no further write that would carry the empty outbox: clear it now, then let go.
        await this.deps.repository.clearOutbox(id, stored.version);
        this.forget(id);
      } else {
        this.schedule(stored.state);
      }
    }
    return urgentSentAt;
  }

  private schedule(session: Session): void {
    for (const kind of ['START_TIMEOUT', 'COST_LIMIT', 'STOP_RETRY'] as const) {
      const key = `${session.sessionId}|${kind}`;
      const timer: Timer | undefined = session.timers.find((t) => t.kind === kind);
      const current = this.timers.get(key);
      if (current && current.dueAt === timer?.dueAt) continue;
      current?.handle.cancel();
      this.timers.delete(key);
      if (!timer || this.stopped) continue;
      const handle = this.deps.clock.at(new Date(timer.dueAt), () => {
        this.timers.delete(key);
        void this.fire(session.sessionId, timer).catch((err: unknown) =>
          this.deps.logger.error(
            { err, session_id: session.sessionId, timer },
            'timer handling failed; will retry on the next event or restart',
          ),
        );
      });
      this.timers.set(key, { dueAt: timer.dueAt, handle });
    }
  }

  private fire(sessionId: string, timer: Timer): Promise<void> {
    return this.shared([sessionId], async () => {
      if (this.stopped) return;
      const stored = this.sessions.get(sessionId);
      if (!stored) return;
      const cause = {
        // A timer is a cause like any event: its id derives from what it is, so a re-fire is a duplicate.
        eventId: deriveEventId(sessionId, `timer:${timer.kind}:${timer.dueAt}`),
        correlationId: stored.state.correlationId,
        authorizationReference: stored.state.authorizationReference,
      };
      if (stored.processedEventIds.includes(cause.eventId)) return;
      this.timerLateness.observe((this.deps.clock.now().getTime() - Date.parse(timer.dueAt)) / 1000);
      const emitted = this.apply(sessionId, stored, { type: 'Timer', payload: timer }, cause);
      if (!emitted) return;
      await this.persistAndPublish(new Map([[sessionId, { expectedVersion: stored.version }]]), emitted);
    });
  }

  private forget(id: string): void {
    this.sessions.delete(id);
    this.models.delete(id);
    for (const [key, t] of this.timers) {
      if (key.startsWith(`${id}|`)) {
        t.handle.cancel();
        this.timers.delete(key);
      }
    }
  }

  private context(): DecideContext {
    return {
      now: this.deps.clock.now(),
      settings: this.deps.settings,
      costModel: (s) => this.modelOf(s),
      validateTariff: (tariff, timeZone) => void this.deps.costModelFactory(tariff, timeZone),
      stopLatencyS: (stationId) => this.latency.get(stationId),
      schedulingDelayS: () => this.timerLateness.get() ?? 0,
    };
  }

  /** The in-memory cost model of a session, rebuilt from its stored samples after a restart. */
  private modelOf(s: Session): CostModel {
    let model = this.models.get(s.sessionId);
    if (!model) {
      model = this.deps.costModelFactory(s.tariff, s.timeZone);
      if (s.samples.length) model.add(s.samples);
      this.models.set(s.sessionId, model);
    }
    return model;
  }

  private observeLatency(before: Session | undefined, after: Session, input: SessionInput): void {
    if (input.type !== 'TransactionStopped' || before?.state !== 'STOPPING' || !before.stop) return;
    // stoppedAt is on the charger's clock, requestedAt on ours: move the former onto our timeline first.
    const stoppedAtOurs = Date.parse(input.payload.stoppedAt) + (before.clockOffsetMs ?? 0);
    const seconds = (stoppedAtOurs - Date.parse(before.stop.requestedAt)) / 1000;
    this.latency.observe(after.connector.stationId, seconds);
  }

  private envelope(
    e: Emit,
    cause: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'authorizationReference'>,
    s: Session,
  ): EventEnvelope {
    return createEvent(EVENTS[e.type] as EventDefinition, e.payload as never, {
      producer: PRODUCER,
      causedBy: cause,
      idDiscriminator: e.key,
      correlationId: s.correlationId,
      authorizationReference: s.authorizationReference,
      occurredAt: this.deps.clock.now(),
    });
  }

  private logTransition(
    before: Session | undefined,
    after: Session,
    emits: Emit[],
    cause: Pick<EventEnvelope, 'eventId' | 'correlationId'>,
  ): void {
    if (before?.state === after.state && !emits.some((e) => e.type !== 'SessionUpdated')) return;
    this.deps.logger.info(
      {
        authorization_reference: after.authorizationReference,
        correlation_id: after.correlationId,
        session_id: after.sessionId,
        from: before?.state ?? null,
        to: after.state,
        emitted: emits.map((e) => e.type),
        cause: cause.eventId,
        cost_incl_vat: after.cost.inclVat,
        limit_incl_vat: after.limitInclVat.amount,
      },
      'session transition',
    );
  }
}

function isStopCommand(e: EventEnvelope): boolean {
  return (
    e.type === 'StationCommandRequested' &&
    (e.payload as { command: { kind: string } }).command.kind === 'StopTransaction'
  );
}

function toInput(event: EventEnvelope, clock: Clock): SessionInput | undefined {
  switch (event.type) {
    case 'StartSessionRequested':
    case 'StopSessionRequested':
    case 'StationCommandCompleted':
      return { type: event.type, payload: event.payload } as SessionInput;
    case 'TransactionStarted':
    case 'MeterValuesReceived':
    case 'TransactionStopped':
      // The gateway creates these as the charger's message arrives: occurredAt is its arrival at our edge.
      return {
        type: event.type,
        payload: event.payload,
        observedAt: (
          clock.fromWall?.(new Date(event.occurredAt)) ?? new Date(event.occurredAt)
        ).toISOString(),
      } as SessionInput;
    default:
      return undefined;
  }
}

function sessionIdOf(input: SessionInput): string | undefined {
  return input.type === 'Timer' ? undefined : (input.payload as { sessionId?: string }).sessionId;
}

export { OPEN_STATES };
