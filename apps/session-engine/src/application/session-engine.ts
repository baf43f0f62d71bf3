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
import {
  PROCESSED_IDS_KEPT,
  type Clock,
  type EngineMetrics,
  type EventSink,
  type SessionRepository,
  type StoredSession,
} from './ports';
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
  /** Snapshot writes, one at a time per session (decisions themselves never wait for them). */
  private readonly writes = new KeyedMutex();
  /** Sessions changed in memory since their last write. */
  private readonly dirty = new Set<string>();
  /** Envelopes of outbox entries not yet published, by event id. */
  private readonly pending = new Map<string, EventEnvelope>();
  /** Store reads in flight, so two batches never load the same session twice. */
  private readonly loading = new Map<string, Promise<void>>();
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
    return this.shared(() => this.process(inputs, ids));
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
   * Work on sessions: waits only for a pending exclusive operation. Decisions are synchronous on the in-memory
   * state, so batches and timers of any sessions run side by side; only snapshot writes are serialised, per
   * session (persist). A cost-limit timer never queues behind another batch's store round trip.
   */
  private shared<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.gate.then(fn);
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
    await this.ensureLoaded(ids);
    const touched = new Set<string>();
    const urgent: Array<{ env: EventEnvelope; receivedAtMs?: number }> = [];
    for (const item of items) {
      const id = item.input && sessionIdOf(item.input);
      if (!item.input || !id) continue;
      const stored = this.sessions.get(id);
      if (stored?.processedEventIds.includes(item.event.eventId)) continue;
      const emitted = this.apply(id, stored, item.input, item.event, item.partition);
      if (!emitted) continue;
      touched.add(id);
      for (const env of emitted.filter(isStopCommand)) urgent.push({ env, receivedAtMs: item.receivedAtMs });
    }
    if (touched.size === 0) return;
    const decidedAt = performance.now();
    if (this.deps.metrics?.meterDecisionLatency)
      for (const item of items)
        if (item.input?.type === 'MeterValuesReceived' && item.receivedAtMs !== undefined)
          this.deps.metrics.meterDecisionLatency(decidedAt - item.receivedAtMs);
    const stopSentAt = await this.publishUrgent(urgent.map((u) => u.env));
    for (const u of urgent)
      if (stopSentAt !== undefined && u.receivedAtMs !== undefined)
        this.deps.metrics?.meterToStopLatency(stopSentAt - u.receivedAtMs);
    await Promise.all([...touched].map((id) => this.persist(id)));
    this.deps.metrics?.batch(items.length, touched.size, performance.now() - started);
  }

  /** Loads sessions not in memory (once, however many batches ask), re-arming their timers. */
  private async ensureLoaded(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.sessions.has(id));
    const fresh = missing.filter((id) => !this.loading.has(id));
    if (fresh.length) {
      const load = this.deps.repository
        .loadMany(fresh)
        .then((loaded) => {
          for (const [id, stored] of loaded) {
            if (this.sessions.has(id)) continue;
            this.sessions.set(id, stored);
            if (!TERMINAL.has(stored.state.state)) this.schedule(stored.state);
          }
        })
        .finally(() => fresh.forEach((id) => this.loading.delete(id)));
      for (const id of fresh) this.loading.set(id, load);
    }
    await Promise.all(missing.map((id) => this.loading.get(id)));
  }

  /**
   * A RemoteStop is time-critical (every millisecond is energy delivered past the decision), so it goes out
   * before the snapshot write. Safe: its id derives from its cause, so after a crash before the write Kafka
   * redelivers the cause, the same decision re-emits the same id, and the gateway drops the repeat.
   */
  private async publishUrgent(events: readonly EventEnvelope[]): Promise<number | undefined> {
    if (events.length === 0) return undefined;
    await this.deps.sink.publish(events);
    for (const e of events) this.pending.delete(e.eventId);
    return performance.now();
  }

  /**
   * Writes a session's latest in-memory state (state + processed ids + outbox, one version-guarded document),
   * then publishes its outbox. Writes of one session run one after another; state that changed during a write
   * is written by the next call. Resolves when what the caller applied is stored and published.
   */
  private persist(id: string): Promise<void> {
    return this.writes.run(id, async () => {
      const snapshot = this.sessions.get(id);
      if (!snapshot || !this.dirty.has(id)) return;
      this.dirty.delete(id);
      let saved: StoredSession;
      try {
        saved = await this.deps.repository.save(snapshot, snapshot.version);
      } catch (err) {
        // Another owner wrote it (rebalance): drop our copy; the redelivered batch starts from the store.
        this.forget(id);
        throw err;
      }
      const written = new Set(snapshot.outbox.map((e) => e.eventId));
      const toSend = snapshot.outbox.flatMap((e) => {
        const env = this.pending.get(e.eventId);
        return env ? [env] : [];
      });
      if (toSend.length) {
        try {
          await this.deps.sink.publish(toSend);
        } catch (err) {
          this.forget(id); // stored with its outbox: a reload and the relay take it from there
          throw err;
        }
        for (const e of toSend) this.pending.delete(e.eventId);
      }
      const latest = this.sessions.get(id);
      if (!latest) return;
      const remaining = latest.outbox.filter((e) => !written.has(e.eventId));
      this.sessions.set(id, { ...latest, version: saved.version, outbox: remaining });
      if (TERMINAL.has(latest.state.state) && !this.dirty.has(id)) {
        // Finished: no further write would carry the emptied outbox, so clear it now, then let go.
        await this.deps.repository.clearOutbox(id, saved.version);
        this.forget(id);
      } else if (remaining.length < latest.outbox.length) {
        this.dirty.add(id); // the next write stores the emptied outbox
      }
    });
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
      processedEventIds: [...(stored?.processedEventIds ?? []), cause.eventId].slice(-PROCESSED_IDS_KEPT),
      outbox: [
        ...(stored?.outbox ?? []),
        ...envelopes.map((env) => ({ eventId: env.eventId, json: JSON.stringify(env) })),
      ],
    };
    this.sessions.set(id, next);
    this.dirty.add(id);
    for (const env of envelopes) this.pending.set(env.eventId, env);
    this.schedule(session);
    if (before?.state !== session.state) this.deps.metrics?.sessionState(before?.state, session.state);
    for (const e of decision.emits)
      if (e.type === 'MaxPriceReached') this.deps.metrics?.costLimitStop(e.payload.trigger);
    this.logTransition(before, session, decision.emits, cause);
    return envelopes;
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
      // A timer already overdue when armed (restored after a restart or a rebalance) says nothing about how
      // late this engine runs: only timers armed ahead of time feed the lateness estimate.
      const aheadOfTime = Date.parse(timer.dueAt) > this.deps.clock.now().getTime();
      if (this.deps.logger.isLevelEnabled('debug'))
        this.deps.logger.debug(
          {
            authorization_reference: session.authorizationReference,
            correlation_id: session.correlationId,
            session_id: session.sessionId,
            timer: kind,
            due_at: timer.dueAt,
            now: this.deps.clock.now().toISOString(),
            last_sample_at: session.samples[session.samples.length - 1]?.timestamp,
            clock_offset_ms: session.clockOffsetMs,
          },
          'timer armed',
        );
      const handle = this.deps.clock.at(new Date(timer.dueAt), () => {
        this.timers.delete(key);
        void this.fire(session.sessionId, timer, aheadOfTime).catch((err: unknown) =>
          this.deps.logger.error(
            { err, session_id: session.sessionId, timer },
            'timer handling failed; will retry on the next event or restart',
          ),
        );
      });
      this.timers.set(key, { dueAt: timer.dueAt, handle });
    }
  }

  private fire(sessionId: string, timer: Timer, measureLateness = true): Promise<void> {
    return this.shared(async () => {
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
      if (measureLateness)
        this.timerLateness.observe((this.deps.clock.now().getTime() - Date.parse(timer.dueAt)) / 1000);
      const emitted = this.apply(sessionId, stored, { type: 'Timer', payload: timer }, cause);
      if (!emitted) return;
      const stops = emitted.filter(isStopCommand);
      await this.publishUrgent(stops);
      if (stops.length && timer.kind === 'COST_LIMIT')
        this.deps.metrics?.timerToStopLatency?.(this.deps.clock.now().getTime() - Date.parse(timer.dueAt));
      await this.persist(sessionId);
    });
  }

  private forget(id: string): void {
    for (const e of this.sessions.get(id)?.outbox ?? []) this.pending.delete(e.eventId);
    this.sessions.delete(id);
    this.dirty.delete(id);
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
