import { createHash } from 'node:crypto';
import type {
  CommandResultReadyPayload,
  MaxPriceReachedPayload,
  MeterSample,
  SessionCompletedPayload,
  SessionSnapshot,
  StationCommand,
  StationCommandRequestedPayload,
  StopReason,
} from '@tapcharge/contracts';
import type { CostModel } from './cost-model';
import type { EngineSettings } from './engine-settings';
import { OCPI_STATUS, type Session, type StopRequest, type Timer, type TimerKind } from './session';
import type { SessionInput } from './session-input';
import { decideStop, planningPower } from './stop-decision';

/** An event the decision asks to publish; the application wraps it in an envelope with a derived id. */
export type Emit =
  | { type: 'StationCommandRequested'; key: string; payload: StationCommandRequestedPayload }
  | { type: 'SessionStarted'; key: string; payload: SessionSnapshot }
  | { type: 'SessionUpdated'; key: string; payload: SessionSnapshot }
  | { type: 'MaxPriceReached'; key: string; payload: MaxPriceReachedPayload }
  | { type: 'SessionCompleted'; key: string; payload: SessionCompletedPayload }
  | { type: 'CommandResultReady'; key: string; payload: CommandResultReadyPayload };

export interface DecideContext {
  now: Date;
  settings: EngineSettings;
  /** The session's cost model (kept in memory by the application, rebuilt from samples after a restart). */
  costModel: (session: Session) => CostModel;
  /** Throws for a tariff we cannot price (the start is then rejected). */
  validateTariff: (tariff: Record<string, unknown>, timeZone: string) => void;
  stopLatencyS: (stationId: string) => number;
  /** How late timers and queued work run behind their due time (s), measured; added to the stop lead. */
  schedulingDelayS?: () => number;
}

export interface Decision {
  /** The new state, or undefined when nothing changed (no write needed). */
  session: Session | undefined;
  emits: Emit[];
}

const NOTHING: Decision = { session: undefined, emits: [] };

/**
 * The session state machine (DESIGN.md §6) and the cost-limit loop (§5) as one pure function:
 * (state, input, context) -> (new state, events to emit). Unexpected inputs are recorded on the session,
 * never thrown.
 */
export function decide(current: Session | undefined, input: SessionInput, ctx: DecideContext): Decision {
  if (input.type === 'StartSessionRequested') return onStart(current, input.payload, ctx);
  if (!current) return NOTHING; // events of transactions we did not start (local/RFID sessions) are not ours
  const s: Session = structuredClone(current);
  const out: Emit[] = [];
  switch (input.type) {
    case 'StationCommandCompleted':
      onCommandCompleted(s, input.payload, ctx, out);
      break;
    case 'TransactionStarted':
      observeClock(
        s,
        [...input.payload.samples, { timestamp: input.payload.startedAt }],
        input.observedAt,
        ctx,
      );
      onTransactionStarted(s, input.payload, ctx, out);
      break;
    case 'MeterValuesReceived':
      observeClock(s, input.payload.samples, input.observedAt, ctx);
      onMeterValues(s, input.payload.samples, ctx, out);
      break;
    case 'StopSessionRequested':
      onStopRequested(s, input.payload, ctx, out);
      break;
    case 'TransactionStopped':
      onTransactionStopped(s, input.payload, ctx, out);
      break;
    case 'Timer':
      onTimer(s, input.payload.kind, input.payload.dueAt, ctx, out);
      break;
  }
  s.lastUpdated = ctx.now.toISOString();
  return { session: s, emits: out };
}

function onStart(
  current: Session | undefined,
  p: Extract<SessionInput, { type: 'StartSessionRequested' }>['payload'],
  ctx: DecideContext,
): Decision {
  if (current) return NOTHING; // a repeated START_SESSION for the same authorization_reference: already handled
  const now = ctx.now.toISOString();
  const s: Session = {
    sessionId: p.sessionId,
    authorizationReference: p.authorizationReference,
    correlationId: p.sessionId,
    ptp: p.ptp,
    ocpiVersion: p.ocpiVersion,
    connector: p.connector,
    token: p.token,
    startResponseUrl: p.responseUrl,
    tariff: p.tariff,
    tariffId: typeof p.tariff['id'] === 'string' ? p.tariff['id'] : undefined,
    timeZone: p.timeZone,
    limitInclVat: p.limitInclVat,
    state: 'STARTING',
    createdAt: now,
    remoteStartId: remoteStartIdOf(p.sessionId),
    idTag: idTagOf(p.sessionId),
    startResultSent: false,
    samples: [],
    energyWh: 0,
    maxPowerW: 0,
    cost: { exclVat: '0', inclVat: '0' },
    flaggedForReconciliation: false,
    timers: [],
    unexpected: [],
    lastUpdated: now,
  };
  try {
    ctx.validateTariff(p.tariff, p.timeZone);
  } catch (err) {
    s.state = 'REJECTED';
    s.startResultSent = true;
    return {
      session: s,
      emits: [
        commandResult(
          s,
          'START_SESSION',
          'REJECTED',
          ctx,
          `tariff cannot be priced: ${(err as Error).message}`.slice(0, 500),
        ),
      ],
    };
  }
  const command: StationCommand = {
    kind: 'StartTransaction',
    ocppEvseId: p.connector.ocppEvseId,
    ocppConnectorId: p.connector.ocppConnectorId,
    idTag: s.idTag,
    remoteStartId: s.remoteStartId,
  };
  setTimer(s, 'START_TIMEOUT', ctx.now.getTime() + ctx.settings.startTimeoutS * 1000);
  return { session: s, emits: [stationCommand(s, 'start', command, ctx)] };
}

function onCommandCompleted(
  s: Session,
  p: Extract<SessionInput, { type: 'StationCommandCompleted' }>['payload'],
  ctx: DecideContext,
  out: Emit[],
): void {
  if (p.kind === 'StartTransaction') {
    if (s.state !== 'STARTING' || s.startResultSent)
      return note(s, 'StationCommandCompleted', ctx, `start answer ${p.status} after the start was settled`);
    // The charger accepting the command is not a session yet: CommandResult ACCEPTED goes out when the
    // transaction starts (DESIGN.md §1), so a charger that accepts but never starts ends in TIMEOUT.
    if (p.status === 'ACCEPTED') return;
    s.startResultSent = true;
    const result =
      p.status === 'TIMEOUT'
        ? 'TIMEOUT'
        : p.status === 'OFFLINE'
          ? 'EVSE_INOPERATIVE'
          : p.status === 'REJECTED'
            ? 'REJECTED'
            : 'FAILED';
    s.state = p.status === 'REJECTED' ? 'REJECTED' : 'FAILED';
    s.stopWhenStarted = undefined;
    s.stop = {
      reason: p.status === 'REJECTED' ? 'START_REJECTED' : 'START_TIMEOUT',
      requestedAt: ctx.now.toISOString(),
      attempts: 0,
    };
    clearTimer(s, 'START_TIMEOUT');
    out.push(commandResult(s, 'START_SESSION', result, ctx, p.detail));
    out.push(update('SessionUpdated', s, ctx));
    return;
  }
  if (p.kind === 'StopTransaction') {
    if (!s.stop || s.state !== 'STOPPING')
      return note(s, 'StationCommandCompleted', ctx, `stop answer ${p.status} in ${s.state}`);
    if (p.status === 'ACCEPTED') {
      s.stop.confirmedByCharger = true;
      answerPendingStop(s, 'ACCEPTED', ctx, out);
    } else {
      // Not carried out: retry soon rather than after the full retry interval.
      setTimer(s, 'STOP_RETRY', ctx.now.getTime() + Math.min(ctx.settings.stopRetryS, 5) * 1000);
    }
  }
}

function onTransactionStarted(
  s: Session,
  p: Extract<SessionInput, { type: 'TransactionStarted' }>['payload'],
  ctx: DecideContext,
  out: Emit[],
): void {
  if (s.state === 'FAILED' || s.state === 'REJECTED') {
    // The charger started after we gave up: stop it at once, nothing will be billed.
    s.transactionId = p.transactionId;
    note(s, 'TransactionStarted', ctx, 'late start after the session failed: stopping it');
    out.push(
      stationCommand(s, 'late-stop', { kind: 'StopTransaction', transactionId: p.transactionId }, ctx),
    );
    return;
  }
  if (s.state !== 'STARTING') {
    if (s.transactionId !== p.transactionId)
      note(s, 'TransactionStarted', ctx, `second transaction ${p.transactionId} in ${s.state}`);
    return;
  }
  s.state = 'ACTIVE';
  s.transactionId = p.transactionId;
  s.startedAt = p.startedAt;
  clearTimer(s, 'START_TIMEOUT');
  if (!s.startResultSent) {
    s.startResultSent = true;
    out.push(commandResult(s, 'START_SESSION', 'ACCEPTED', ctx));
  }
  const begin: MeterSample = {
    timestamp: p.startedAt,
    energyWh: p.meterStartWh,
    context: 'Transaction.Begin',
  };
  const early = s.early;
  s.early = undefined;
  addSamples(s, [begin, ...p.samples, ...(early?.samples ?? [])], ctx);
  s.lastUpdateSentAt = p.startedAt;
  out.push(update('SessionStarted', s, ctx));
  if (ctx.settings.cardMeterIntervalS > 0) {
    out.push(
      stationCommand(
        s,
        'meter-interval',
        { kind: 'SetMeterInterval', intervalSeconds: ctx.settings.cardMeterIntervalS },
        ctx,
      ),
    );
  }
  if (early?.stopped) {
    if (s.stopWhenStarted) s.stop = s.stopWhenStarted;
    s.stopWhenStarted = undefined;
    onTransactionStopped(s, early.stopped, ctx, out);
    return;
  }
  if (s.stopWhenStarted) {
    beginStop(s, s.stopWhenStarted, ctx, out);
    s.stopWhenStarted = undefined;
    return;
  }
  checkCostLimit(s, ctx, out, 'METER_VALUES');
}

function onMeterValues(s: Session, samples: readonly MeterSample[], ctx: DecideContext, out: Emit[]): void {
  if (s.state === 'STARTING') {
    // Overtook the TransactionStarted (another topic): kept for when the start arrives.
    s.early = { ...s.early, samples: [...(s.early?.samples ?? []), ...samples].slice(-500) };
    return;
  }
  if (s.state !== 'ACTIVE' && s.state !== 'STOPPING')
    return note(s, 'MeterValuesReceived', ctx, `meter values in ${s.state}`);
  const before = s.samples.length;
  addSamples(s, samples, ctx);
  if (s.samples.length === before) return;
  if (s.state === 'ACTIVE') checkCostLimit(s, ctx, out, 'METER_VALUES');
  const last = s.samples[s.samples.length - 1];
  const lastSent = s.lastUpdateSentAt ? Date.parse(s.lastUpdateSentAt) : 0;
  if (
    last &&
    Date.parse(last.timestamp) - lastSent >= ctx.settings.updateIntervalS * 1000 &&
    !out.some((e) => e.type === 'SessionUpdated')
  ) {
    s.lastUpdateSentAt = last.timestamp;
    out.push(update('SessionUpdated', s, ctx));
  }
}

function onStopRequested(
  s: Session,
  p: Extract<SessionInput, { type: 'StopSessionRequested' }>['payload'],
  ctx: DecideContext,
  out: Emit[],
): void {
  const reason: StopReason = p.requestedBy === 'OPERATOR' ? 'OPERATOR' : 'DRIVER';
  const request: StopRequest = {
    reason,
    requestedAt: ctx.now.toISOString(),
    attempts: 0,
    ...(p.responseUrl ? { pendingResult: { responseUrl: p.responseUrl } } : {}),
  };
  switch (s.state) {
    case 'STARTING':
    case 'PENDING':
      s.stopWhenStarted = request;
      return;
    case 'ACTIVE':
      beginStop(s, request, ctx, out);
      return;
    case 'STOPPING':
      // The operator's soft stop for a charger that ignored our stops: one more RemoteStop, retried as usual.
      if (reason === 'OPERATOR' && s.stop) {
        note(s, 'StopSessionRequested', ctx, `operator stop after ${s.stop.attempts} stop attempt(s)`);
        sendStop(s, ctx, out);
      }
      // Already stopping (e.g. at the price limit): the PTP's stop is as good as done.
      if (p.responseUrl)
        out.push(commandResult(s, 'STOP_SESSION', 'ACCEPTED', ctx, undefined, p.responseUrl, p.requestId));
      return;
    default:
      if (p.responseUrl) {
        const result = s.state === 'COMPLETED' ? 'ACCEPTED' : 'REJECTED';
        out.push(
          commandResult(s, 'STOP_SESSION', result, ctx, `session is ${s.state}`, p.responseUrl, p.requestId),
        );
      }
  }
}

function onTransactionStopped(
  s: Session,
  p: Extract<SessionInput, { type: 'TransactionStopped' }>['payload'],
  ctx: DecideContext,
  out: Emit[],
): void {
  if (s.state === 'STARTING') {
    // Overtook its TransactionStarted (a very short session): applied right after the start.
    s.early = { samples: s.early?.samples ?? [], stopped: p };
    return;
  }
  if (s.state !== 'ACTIVE' && s.state !== 'STOPPING')
    return note(s, 'TransactionStopped', ctx, `transaction stopped in ${s.state}`);
  if (s.transactionId && p.transactionId !== s.transactionId)
    return note(s, 'TransactionStopped', ctx, `unknown transaction ${p.transactionId}`);
  const end: MeterSample[] =
    p.meterStopWh !== undefined
      ? [{ timestamp: p.stoppedAt, energyWh: p.meterStopWh, context: 'Transaction.End' }]
      : [];
  addSamples(s, [...p.samples, ...end], ctx);
  s.state = 'COMPLETED';
  s.endedAt = p.stoppedAt;
  s.stop ??= { reason: 'EV_OR_CHARGER', requestedAt: ctx.now.toISOString(), attempts: 0 };
  s.stop.confirmedByCharger = true;
  s.timers = [];
  answerPendingStop(s, 'ACCEPTED', ctx, out);
  out.push(update('SessionUpdated', s, ctx));
  out.push({ type: 'SessionCompleted', key: s.sessionId, payload: completed(s, ctx) });
}

function onTimer(
  s: Session,
  kind: TimerKind,
  dueAt: string,
  firedCtx: DecideContext,
  out: Emit[],
): void {
  const armed = s.timers.find((t) => t.kind === kind && t.dueAt === dueAt);
  if (!armed) return; // superseded by a newer timer or already handled
  clearTimer(s, kind);
  // A timer acts as of its due time even when it fires a little early (Node may run a timeout ~1 ms early,
  // ten times that on an accelerated clock). Deciding at the earlier instant would re-arm the same due time,
  // and the timer's id (derived from its due time) would make the re-fire a duplicate: the stop was lost.
  const due = Date.parse(dueAt);
  const ctx = firedCtx.now.getTime() < due ? { ...firedCtx, now: new Date(due) } : firedCtx;
  if (kind === 'START_TIMEOUT' && s.state === 'STARTING') {
    s.state = 'FAILED';
    s.stop = { reason: 'START_TIMEOUT', requestedAt: ctx.now.toISOString(), attempts: 0 };
    if (!s.startResultSent) {
      s.startResultSent = true;
      out.push(
        commandResult(s, 'START_SESSION', 'TIMEOUT', ctx, 'the charger did not start a transaction in time'),
      );
    }
    answerPendingStop(s, 'ACCEPTED', ctx, out, s.stopWhenStarted);
    s.stopWhenStarted = undefined;
    out.push(update('SessionUpdated', s, ctx));
  } else if (kind === 'COST_LIMIT' && s.state === 'ACTIVE') {
    checkCostLimit(s, ctx, out, 'TIMER');
  } else if (kind === 'STOP_RETRY' && s.state === 'STOPPING' && s.stop) {
    const beyond = s.stop.attempts - ctx.settings.maxStopAttempts;
    if (beyond >= 0 && !s.flaggedForReconciliation) {
      note(s, 'Timer', ctx, `charger did not stop after ${s.stop.attempts} attempts: flagged`);
      s.flaggedForReconciliation = true;
      answerPendingStop(s, 'FAILED', ctx, out);
    }
    // Flagged is not given up: every minute of charging past the limit is the CPO's loss, so the stop is
    // repeated for as long as the transaction runs, backing off to at most every 15 minutes.
    const nextS =
      beyond >= 0 ? Math.min(ctx.settings.stopRetryS * 2 ** (beyond + 1), 900) : ctx.settings.stopRetryS;
    sendStop(s, ctx, out, nextS);
  }
}

/** The cost-limit loop: price what we know, invert the tariff, stop now or arm a timer for the crossing. */
function checkCostLimit(
  s: Session,
  ctx: DecideContext,
  out: Emit[],
  trigger: 'METER_VALUES' | 'TIMER',
): void {
  const model = ctx.costModel(s);
  const power = planningPower(
    s.lastPowerW,
    s.maxPowerW,
    ctx.settings.powerHeadroom,
    ctx.settings.minPlanningPowerW,
  );
  const budget = model.budget(s.limitInclVat.amount, power, chargerNow(s, ctx.now));
  const remaining = { energyWh: Math.max(0, budget.energyWh), seconds: Math.max(0, budget.seconds) };
  const decision = decideStop({
    nowMs: ctx.now.getTime(),
    budget: remaining,
    planningPowerW: power,
    stopLatencyS: ctx.stopLatencyS(s.connector.stationId),
    marginS: ctx.settings.stopMarginS + (ctx.schedulingDelayS?.() ?? 0),
  });
  if (decision.action === 'NONE') {
    clearTimer(s, 'COST_LIMIT');
  } else if (decision.action === 'ARM_TIMER') {
    setTimer(s, 'COST_LIMIT', decision.atMs);
  } else {
    s.maxPriceReachedAt = ctx.now.toISOString();
    out.push({
      type: 'MaxPriceReached',
      key: s.sessionId,
      payload: {
        sessionId: s.sessionId,
        authorizationReference: s.authorizationReference,
        costInclVat: { amount: s.cost.inclVat, currency: s.limitInclVat.currency },
        limitInclVat: s.limitInclVat,
        remainingEnergyWh: round3(remaining.energyWh),
        remainingSeconds: round3(remaining.seconds),
        trigger,
        energyWh: s.energyWh,
        ...(s.lastPowerW !== undefined ? { powerW: s.lastPowerW } : {}),
        decidedAt: ctx.now.toISOString(),
      },
    });
    beginStop(s, { reason: 'MAX_PRICE', requestedAt: ctx.now.toISOString(), attempts: 0 }, ctx, out);
  }
}

/**
 * "Now" on the charger's timeline (its meter timestamps): our now minus the session's clock offset (see
 * observeClock), never before its last sample. Sessions stored before the offset existed fall back to last
 * sample + time since it arrived.
 */
export function chargerNow(s: Session, now: Date): Date {
  const last = s.samples[s.samples.length - 1];
  if (!last) return now;
  const lastMs = Date.parse(last.timestamp);
  if (s.clockOffsetMs !== undefined) return new Date(Math.max(lastMs, now.getTime() - s.clockOffsetMs));
  const since = s.lastSampleAt ? Math.max(0, now.getTime() - Date.parse(s.lastSampleAt)) : 0;
  return new Date(lastMs + since);
}

function beginStop(s: Session, request: StopRequest, ctx: DecideContext, out: Emit[]): void {
  s.state = 'STOPPING';
  s.stop = { ...request, attempts: 0 };
  clearTimer(s, 'COST_LIMIT');
  sendStop(s, ctx, out);
  out.push(update('SessionUpdated', s, ctx));
}

function sendStop(s: Session, ctx: DecideContext, out: Emit[], retryAfterS = ctx.settings.stopRetryS): void {
  if (!s.stop || !s.transactionId) return;
  s.stop.attempts += 1;
  out.push(
    stationCommand(
      s,
      `stop-${s.stop.attempts}`,
      { kind: 'StopTransaction', transactionId: s.transactionId },
      ctx,
    ),
  );
  setTimer(s, 'STOP_RETRY', ctx.now.getTime() + retryAfterS * 1000);
}

function answerPendingStop(
  s: Session,
  result: 'ACCEPTED' | 'FAILED',
  ctx: DecideContext,
  out: Emit[],
  request = s.stop,
): void {
  if (!request?.pendingResult) return;
  out.push(commandResult(s, 'STOP_SESSION', result, ctx, undefined, request.pendingResult.responseUrl));
  request.pendingResult = undefined;
}

function addSamples(s: Session, samples: readonly MeterSample[], ctx: DecideContext): void {
  const model = ctx.costModel(s);
  const lastTs = s.samples.length
    ? Date.parse(s.samples[s.samples.length - 1]!.timestamp)
    : Number.NEGATIVE_INFINITY;
  const fresh = [...samples]
    .filter((x) => x.energyWh !== undefined && Date.parse(x.timestamp) > lastTs)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  if (fresh.length === 0) return;
  model.add(fresh);
  s.samples.push(...fresh);
  s.lastSampleAt = ctx.now.toISOString();
  for (const x of fresh) {
    if (x.powerW !== undefined) {
      s.lastPowerW = x.powerW;
      s.maxPowerW = Math.max(s.maxPowerW, x.powerW);
    }
  }
  const first = s.samples[0]?.energyWh ?? 0;
  s.energyWh = Math.max(0, (s.samples[s.samples.length - 1]?.energyWh ?? first) - first);
  s.cost = model.cost();
}

/**
 * Learns the charger's clock: the smallest (arrival at our edge - the newest timestamp in the message) seen is
 * its offset from ours plus the fastest network delivery. Time the event then spends in our own pipeline does
 * not count, so a backed-up pipeline cannot make the loop believe less energy has flowed.
 */
function observeClock(
  s: Session,
  samples: ReadonlyArray<{ timestamp: string }>,
  observedAt: string | undefined,
  ctx: DecideContext,
): void {
  const newest = Math.max(...samples.map((x) => Date.parse(x.timestamp)).filter(Number.isFinite));
  if (!Number.isFinite(newest)) return;
  const offset = (observedAt ? Date.parse(observedAt) : ctx.now.getTime()) - newest;
  if (Number.isFinite(offset)) s.clockOffsetMs = Math.min(s.clockOffsetMs ?? offset, offset);
}

function setTimer(s: Session, kind: TimerKind, atMs: number): void {
  clearTimer(s, kind);
  s.timers.push({ kind, dueAt: new Date(Math.ceil(atMs)).toISOString() });
}

function clearTimer(s: Session, kind: TimerKind): void {
  s.timers = s.timers.filter((t: Timer) => t.kind !== kind);
}

function note(s: Session, type: string, ctx: DecideContext, text: string): void {
  s.unexpected = [...s.unexpected, { type, inState: s.state, at: ctx.now.toISOString(), note: text }].slice(
    -20,
  );
}

function stationCommand(s: Session, purpose: string, command: StationCommand, ctx: DecideContext): Emit {
  return {
    type: 'StationCommandRequested',
    key: purpose,
    payload: {
      commandId: `${s.sessionId}:${purpose}`.slice(0, 64),
      sessionId: s.sessionId,
      stationId: s.connector.stationId,
      command,
      timeoutMs: ctx.settings.commandTimeoutMs,
      requestedAt: ctx.now.toISOString(),
    },
  };
}

function commandResult(
  s: Session,
  command: 'START_SESSION' | 'STOP_SESSION',
  result: CommandResultReadyPayload['result'],
  ctx: DecideContext,
  message?: string,
  responseUrl = s.startResponseUrl,
  requestId?: string,
): Emit {
  return {
    type: 'CommandResultReady',
    key: `${command}:${requestId ?? responseUrl}`,
    payload: {
      sessionId: s.sessionId,
      authorizationReference: s.authorizationReference,
      ptp: s.ptp,
      command,
      result,
      ...(message ? { message: message.slice(0, 512) } : {}),
      responseUrl,
      readyAt: ctx.now.toISOString(),
    },
  };
}

export function snapshotOf(s: Session, now: Date): SessionSnapshot {
  return {
    sessionId: s.sessionId,
    authorizationReference: s.authorizationReference,
    ptp: s.ptp,
    ocpiVersion: s.ocpiVersion,
    state: s.state,
    ocpiStatus: OCPI_STATUS[s.state],
    connector: s.connector,
    token: s.token,
    ...(s.transactionId ? { transactionId: s.transactionId } : {}),
    startedAt: s.startedAt ?? s.createdAt,
    ...(s.endedAt ? { endedAt: s.endedAt } : {}),
    energyWh: round3(s.energyWh),
    cost: { exclVat: s.cost.exclVat, inclVat: s.cost.inclVat, currency: s.limitInclVat.currency },
    limitInclVat: s.limitInclVat,
    ...(s.tariffId ? { tariffId: s.tariffId } : {}),
    ...(s.stop ? { stopReason: s.stop.reason } : {}),
    lastUpdated: now.toISOString(),
  };
}

function update(type: 'SessionStarted' | 'SessionUpdated', s: Session, ctx: DecideContext): Emit {
  const snap = snapshotOf(s, ctx.now);
  return { type, key: `${type}:${s.state}:${s.samples.length}:${s.stop?.attempts ?? 0}`, payload: snap };
}

function completed(s: Session, ctx: DecideContext): SessionCompletedPayload {
  return {
    ...snapshotOf(s, ctx.now),
    tariff: s.tariff,
    timeZone: s.timeZone,
    samples: s.samples,
    flaggedForReconciliation: s.flaggedForReconciliation,
    endedAt: s.endedAt ?? ctx.now.toISOString(),
  };
}

/** OCPP 2.0.1 remoteStartId: a positive 31-bit integer derived from the session id. */
export function remoteStartIdOf(sessionId: string): number {
  return createHash('sha256').update(sessionId).digest().readUInt32BE(0) & 0x7fffffff || 1;
}

/** OCPP 1.6 idTag (CiString20) for the remote start; the gateway matches StartTransaction by it. */
export function idTagOf(sessionId: string): string {
  return `TC${createHash('sha256').update(sessionId).digest('hex').slice(0, 18).toUpperCase()}`;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
