import { randomUUID } from 'node:crypto';
import type { OcppVersion } from '@tapcharge/ocpp';
import { SimClock } from './clock';
import { powerW, socAfter, type Battery, type PowerCurveSpec } from './power-curve';
import type {
  MeterReading,
  OutCall,
  RemoteStart,
  SimConnectorState,
  SimTransaction,
  StationDialect,
} from './protocol/dialect';
import { ocpp16Dialect } from './protocol/ocpp16.dialect';
import { ocpp201Dialect } from './protocol/ocpp201.dialect';
import { OcppCallError, OcppJSocket, UpgradeRefused } from './rpc/ocpp-j-socket';
import { TypedEmitter } from './typed-emitter';

export interface StationOptions {
  id: string;
  protocol: OcppVersion;
  /** CSMS endpoint without the identity: `ws://127.0.0.1:9000/ocpp`, or `wss://...` (profile 2, see `ca`). */
  url: string;
  /** Security profile 1/2 Basic Auth password; omitted = no Authorization header. */
  password?: string;
  /** CA to trust for `wss://` (profile 2 with a self-signed certificate). */
  ca?: string | Buffer;
  connectors?: number;
  vendor?: string;
  model?: string;
  /** Reported in BootNotification (default `sim-1.0.0`; empty = not reported). */
  firmwareVersion?: string;
  /** Simulated seconds between periodic meter values (1.6 MeterValueSampleInterval / 2.0.1 TxUpdatedInterval). */
  meterIntervalSeconds?: number;
  powerCurve?: PowerCurveSpec;
  battery?: Battery;
  clock?: SimClock;
  /** Whether to accept a remote start (default yes). */
  acceptRemoteStart?: boolean | ((request: RemoteStart) => boolean);
  /** Real ms between accepting a remote start and starting the transaction. */
  startLatencyMs?: number;
  /** Real ms between accepting a remote stop and stopping (chargers take seconds to open the contactor). */
  stopLatencyMs?: number;
  /** Reconnect by itself after the connection dropped (default yes; `goOffline` suspends it). */
  autoReconnect?: boolean;
  reconnectDelayMs?: number;
  callTimeoutMs?: number;
  /** Send Heartbeat at the interval from BootNotification (default yes). */
  heartbeats?: boolean;
  initialMeterWh?: number;
}

export interface SentCall {
  action: string;
  payload: Record<string, unknown>;
  response?: Record<string, unknown>;
  error?: Error;
  /** True when the frame waited in the offline queue. */
  replayed: boolean;
}

export interface StationEvents extends Record<string, unknown> {
  connected: { protocol: OcppVersion };
  disconnected: { code: number; reason: string };
  refused: { status: number };
  booted: { status: string; interval: number };
  /** A request from the CSMS and what the station answered. */
  csmsCall: { action: string; payload: Record<string, unknown>; answer: Record<string, unknown> };
  sent: SentCall;
  transactionStarted: { tx: SimTransaction };
  meterValues: { tx: SimTransaction; reading: MeterReading };
  transactionStopped: { tx: SimTransaction; reason: string; meterStopWh: number };
  queued: { depth: number };
  error: { error: Error };
}

interface Connector {
  id: number;
  state: SimConnectorState;
  plugged: boolean;
  registerWh: number;
  tx?: SimTransaction;
  beginReading?: MeterReading;
  lastTickMs: number;
  meterTimer?: NodeJS.Timeout;
}

/** A queued transaction message: built when sent, so it can use ids learnt meanwhile. */
interface QueuedCall {
  build: () => OutCall;
  onResponse?: (response: Record<string, unknown>) => void;
}

/**
 * A simulated charging station speaking OCPP 1.6J or 2.0.1 over a real WebSocket. It answers remote
 * start/stop like a charger (accept/reject, latency), samples a power curve into meter values, obeys
 * meter-interval configuration and TriggerMessage, and queues transaction messages while offline to
 * replay them in order after reconnecting (OCPP 1.6 §4.7/§4.8; 2.0.1 E04 with `offline: true`).
 */
export class SimulatedStation extends TypedEmitter<StationEvents> {
  readonly id: string;
  readonly protocol: OcppVersion;
  readonly clock: SimClock;
  private readonly dialect: StationDialect;
  private readonly connectors: Connector[];
  private socket: OcppJSocket | undefined;
  private readonly queue: QueuedCall[] = [];
  private flushing: Promise<void> | undefined;
  private online = false;
  private wantOnline = false;
  private meterIntervalSeconds: number;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly latencyTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: StationOptions) {
    super();
    this.id = opts.id;
    this.protocol = opts.protocol;
    this.clock = opts.clock ?? new SimClock();
    this.dialect = opts.protocol === 'ocpp1.6' ? ocpp16Dialect : ocpp201Dialect;
    this.meterIntervalSeconds = opts.meterIntervalSeconds ?? 60;
    this.connectors = Array.from({ length: opts.connectors ?? 1 }, (_, i) => ({
      id: i + 1,
      state: 'Available' as const,
      plugged: false,
      registerWh: opts.initialMeterWh ?? 1_000_000 + i * 10_000,
      lastTickMs: this.clock.nowMs(),
    }));
  }

  get isOnline(): boolean {
    return this.online;
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  get meterInterval(): number {
    return this.meterIntervalSeconds;
  }

  /** Connects, boots and reports every connector; resolves once BootNotification was Accepted. */
  async start(): Promise<void> {
    this.wantOnline = true;
    await this.connect();
  }

  /** Stops timers and closes the socket (no StopTransaction: like pulling the plug of the simulator). */
  async shutdown(): Promise<void> {
    this.wantOnline = false;
    this.clearTimers();
    for (const c of this.connectors) this.stopMeterLoop(c);
    const s = this.socket;
    this.socket = undefined;
    this.online = false;
    if (s?.isOpen) {
      const closed = new Promise<void>((r) => s.once('close', () => r()));
      s.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
    }
  }

  /** Drops the connection (no close handshake) and stays offline until `goOnline`. */
  goOffline(): void {
    this.wantOnline = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.online = false;
    this.socket?.terminate();
  }

  /** Reconnects and replays queued transaction messages in order; resolves when the queue is empty. */
  async goOnline(): Promise<void> {
    this.wantOnline = true;
    await this.connect(false);
    await this.flushQueue();
  }

  /** The driver plugs the cable in: `Preparing` (1.6) / `Occupied` (2.0.1). */
  async plugIn(connectorId = 1): Promise<void> {
    const c = this.connector(connectorId);
    c.plugged = true;
    if (!c.tx) await this.setState(c, 'Preparing');
  }

  /** The driver unplugs: a running transaction stops with EVDisconnected. */
  async unplug(connectorId = 1): Promise<void> {
    const c = this.connector(connectorId);
    c.plugged = false;
    if (c.tx) await this.stopTransaction(connectorId, 'EVDisconnected');
    await this.setState(c, 'Available');
  }

  /** A local start (RFID card at the charger): Authorize, then start. */
  async startTransaction(connectorId: number, idTag: string): Promise<SimTransaction> {
    const c = this.connector(connectorId);
    if (this.online) await this.send(this.dialect.authorize(idTag));
    return this.beginTransaction(c, idTag);
  }

  /** Stops the transaction on a connector with an OCPP stop reason (`Local`, `Remote`, `EVDisconnected`...). */
  async stopTransaction(connectorId: number, reason = 'Local'): Promise<void> {
    const c = this.connector(connectorId);
    const tx = c.tx;
    if (!tx || tx.stopped) return;
    this.stopMeterLoop(c);
    this.advanceMeter(c);
    tx.stopped = true;
    const reading = this.reading(c, 'Transaction.End');
    const seqNo = this.dialect.reserveSeqNo(tx);
    const begin = c.beginReading;
    c.tx = undefined;
    this.emit('transactionStopped', { tx, reason, meterStopWh: reading.energyWh });
    const offline = !this.online;
    await this.sendTransactional({
      build: () => this.dialect.stop(tx, reading, reason, offline, seqNo, begin),
    });
    await this.setState(c, c.plugged ? 'Finishing' : 'Available');
  }

  /** The active transaction on a connector, if any. */
  transaction(connectorId = 1): SimTransaction | undefined {
    return this.connector(connectorId).tx;
  }

  meterWh(connectorId = 1): number {
    return this.connector(connectorId).registerWh;
  }

  /** Sends a raw CALL (e.g. a DataTransfer) and returns the answer. */
  call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.send({ action, payload });
  }

  private connector(id: number): Connector {
    const c = this.connectors[id - 1];
    if (!c) throw new Error(`station ${this.id} has no connector ${id}`);
    return c;
  }

  private async connect(boot = true): Promise<void> {
    let socket: OcppJSocket;
    try {
      socket = await OcppJSocket.connect(
        {
          url: this.opts.url,
          protocol: this.protocol,
          identity: this.id,
          password: this.opts.password,
          ca: this.opts.ca,
        },
        (action, payload) => this.onCsmsCall(action, payload),
      );
    } catch (err) {
      if (err instanceof UpgradeRefused) this.emit('refused', { status: err.status });
      this.scheduleReconnect();
      throw err;
    }
    this.socket = socket;
    this.online = true;
    socket.once('close', (e: { code: number; reason: string }) => this.onClose(socket, e));
    this.emit('connected', { protocol: this.protocol });
    if (boot) await this.boot();
  }

  private async boot(): Promise<void> {
    const answer = await this.send(
      this.dialect.boot(
        this.opts.vendor ?? 'tapcharge',
        this.opts.model ?? 'SimCharger',
        `SN-${this.id}`,
        this.opts.firmwareVersion ?? 'sim-1.0.0',
      ),
    );
    const status = String(answer['status']);
    const interval = Number(answer['interval']) || 300;
    this.emit('booted', { status, interval });
    if (status !== 'Accepted') throw new Error(`BootNotification answered ${status}`);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.opts.heartbeats ?? true) {
      this.heartbeatTimer = setInterval(
        () => void this.send(this.dialect.heartbeat()).catch(() => undefined),
        interval * 1000,
      );
      this.heartbeatTimer.unref();
    }
    for (const c of this.connectors) await this.setState(c, c.state);
  }

  private onClose(socket: OcppJSocket, e: { code: number; reason: string }): void {
    if (this.socket !== socket) return;
    this.online = false;
    this.emit('disconnected', e);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wantOnline || !(this.opts.autoReconnect ?? true) || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.wantOnline || this.online) return;
      this.connect(false)
        .then(() => this.flushQueue())
        .catch(() => undefined);
    }, this.opts.reconnectDelayMs ?? 1_000);
  }

  private clearTimers(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const t of this.latencyTimers) clearTimeout(t);
    this.latencyTimers.clear();
  }

  private later(ms: number, fn: () => Promise<void>): void {
    const t = setTimeout(() => {
      this.latencyTimers.delete(t);
      fn().catch((error: Error) => this.emit('error', { error }));
    }, ms);
    this.latencyTimers.add(t);
  }

  private async send(call: OutCall, replayed = false): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket || !this.online) throw new Error(`station ${this.id} is offline`);
    try {
      const response = await socket.call(call.action, call.payload, this.opts.callTimeoutMs ?? 30_000);
      this.emit('sent', { ...call, response, replayed });
      return response;
    } catch (err) {
      this.emit('sent', { ...call, error: err as Error, replayed });
      throw err;
    }
  }

  /**
   * Transaction-related messages keep their order: while offline, or while older ones wait, they join
   * the queue; online they are sent at once. A CALLERROR answer drops the message (after the spec's
   * retries a charger discards it too) and is reported as `error`.
   */
  private async sendTransactional(item: QueuedCall): Promise<void> {
    if (!this.online || this.queue.length > 0 || this.flushing) {
      this.enqueue(item);
      return;
    }
    try {
      // Not `onResponse?.(await send())`: optional chaining would skip the send when there is no callback.
      const response = await this.send(item.build());
      item.onResponse?.(response);
    } catch (err) {
      if (err instanceof OcppCallError) this.emit('error', { error: err });
      else this.enqueue(item);
    }
  }

  private enqueue(item: QueuedCall): void {
    this.queue.push(item);
    this.emit('queued', { depth: this.queue.length });
  }

  private flushQueue(): Promise<void> {
    this.flushing ??= (async () => {
      for (let item = this.queue[0]; item && this.online; item = this.queue[0]) {
        try {
          const response = await this.send(item.build(), true);
          item.onResponse?.(response);
        } catch (err) {
          if (!(err instanceof OcppCallError)) break; // connection lost again: keep it queued
          this.emit('error', { error: err });
        }
        this.queue.shift();
      }
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async beginTransaction(
    c: Connector,
    idTag: string,
    remoteStartId?: number,
  ): Promise<SimTransaction> {
    if (c.tx) throw new Error(`connector ${c.id} of ${this.id} already has a transaction`);
    c.plugged = true;
    this.advanceMeter(c);
    const tx: SimTransaction = {
      localId: randomUUID(),
      evseId: c.id,
      connectorId: this.protocol === 'ocpp1.6' ? c.id : 1,
      idTag,
      remoteStartId,
      nextSeqNo: 0,
      meterStartWh: c.registerWh,
      startedAt: this.clock.iso(),
      stopped: false,
    };
    c.tx = tx;
    const begin = this.reading(c, 'Transaction.Begin');
    c.beginReading = begin;
    const seqNo = this.dialect.reserveSeqNo(tx);
    const offline = !this.online;
    this.emit('transactionStarted', { tx });
    await this.sendTransactional({
      build: () => this.dialect.start(tx, begin, offline, seqNo),
      onResponse: (response) => this.dialect.started(tx, response),
    });
    await this.setState(c, 'Charging');
    this.startMeterLoop(c);
    return tx;
  }

  private async setState(c: Connector, state: SimConnectorState): Promise<void> {
    c.state = state;
    if (!this.online) return; // status is not queued; the charger reports it after reconnecting
    await this.send(this.dialect.status(c.id, 1, state, this.clock.iso())).catch(() => undefined);
  }

  private startMeterLoop(c: Connector): void {
    this.stopMeterLoop(c);
    if (this.meterIntervalSeconds <= 0) return;
    c.meterTimer = setTimeout(
      () => {
        c.meterTimer = undefined;
        const tx = c.tx;
        if (!tx || tx.stopped) return;
        this.startMeterLoop(c);
        this.sendMeter(c, tx, 'Sample.Periodic').catch((error: Error) => this.emit('error', { error }));
      },
      this.clock.realMs(this.meterIntervalSeconds * 1000),
    );
  }

  private stopMeterLoop(c: Connector): void {
    if (c.meterTimer) clearTimeout(c.meterTimer);
    c.meterTimer = undefined;
  }

  private async sendMeter(c: Connector, tx: SimTransaction, context: MeterReading['context']): Promise<void> {
    this.advanceMeter(c);
    const reading = this.reading(c, context);
    const seqNo = this.dialect.reserveSeqNo(tx);
    const offline = !this.online;
    this.emit('meterValues', { tx, reading });
    await this.sendTransactional({ build: () => this.dialect.meter(tx, reading, offline, seqNo) });
  }

  /** Integrates the power curve over the simulated time since the last tick. */
  private advanceMeter(c: Connector): void {
    const now = this.clock.nowMs();
    const dtMs = Math.max(0, now - c.lastTickMs);
    c.lastTickMs = now;
    if (!c.tx || c.tx.stopped) return;
    const p = powerW(this.curve, this.soc(c) ?? 0);
    c.registerWh += (p * dtMs) / 3_600_000;
  }

  private get curve(): PowerCurveSpec {
    return this.opts.powerCurve ?? { kind: 'constant', kw: 22 };
  }

  private soc(c: Connector): number | undefined {
    if (!this.opts.battery || !c.tx) return undefined;
    return socAfter(this.opts.battery, c.registerWh - c.tx.meterStartWh);
  }

  private reading(c: Connector, context: MeterReading['context']): MeterReading {
    const soc = this.soc(c);
    const p = c.tx && !c.tx.stopped ? powerW(this.curve, soc ?? 0) : 0;
    return {
      at: this.clock.iso(),
      energyWh: c.registerWh,
      powerW: p,
      currentA: p / (Math.sqrt(3) * 400),
      socPercent: soc,
      context,
    };
  }

  private async onCsmsCall(
    action: string,
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const answer = this.answerCsms(action, payload);
    this.emit('csmsCall', { action, payload, answer });
    return answer;
  }

  private answerCsms(action: string, payload: Record<string, unknown>): Record<string, unknown> {
    const d = this.dialect;
    const start = d.readRemoteStart(action, payload);
    if (start) return this.onRemoteStart(start);
    const stopId = d.readRemoteStop(action, payload);
    if (stopId !== undefined) return this.onRemoteStop(stopId);
    const config = d.readConfiguration(action, payload);
    if (config) {
      if (config.meterIntervalSeconds !== undefined) this.setMeterInterval(config.meterIntervalSeconds);
      return config.answer;
    }
    const trigger = d.readTrigger(action, payload);
    if (trigger) return this.onTrigger(trigger.message, trigger.evseId);
    throw new OcppCallError('NotImplemented', `${action} is not simulated`);
  }

  private onRemoteStart(request: RemoteStart): Record<string, unknown> {
    const policy = this.opts.acceptRemoteStart ?? true;
    const c =
      request.evseId !== undefined && request.evseId > 0
        ? this.connectors[request.evseId - 1]
        : this.connectors.find((x) => !x.tx);
    const accepted = !!c && !c.tx && (typeof policy === 'function' ? policy(request) : policy);
    if (accepted && c) {
      this.later(this.opts.startLatencyMs ?? 0, async () => {
        if (!c.plugged) await this.plugIn(c.id);
        await this.beginTransaction(c, request.idTag, request.remoteStartId);
      });
    }
    return this.dialect.startAnswer(accepted);
  }

  private onRemoteStop(transactionId: string): Record<string, unknown> {
    const c = this.connectors.find((x) => x.tx?.transactionId === transactionId && !x.tx.stopped);
    if (c) this.later(this.opts.stopLatencyMs ?? 0, () => this.stopTransaction(c.id, 'Remote'));
    return this.dialect.stopAnswer(!!c);
  }

  /** Changes the meter interval and restarts running meter loops with it. */
  setMeterInterval(seconds: number): void {
    this.meterIntervalSeconds = seconds;
    for (const c of this.connectors) if (c.tx) this.startMeterLoop(c);
  }

  private onTrigger(message: string, evseId?: number): Record<string, unknown> {
    const targets = evseId ? this.connectors.filter((c) => c.id === evseId) : this.connectors;
    let run: (() => Promise<void>) | undefined;
    if (message === 'MeterValues' || message === 'TransactionEvent') {
      run = async () => {
        for (const c of targets) if (c.tx) await this.sendMeter(c, c.tx, 'Trigger');
      };
    } else if (message === 'StatusNotification') {
      run = async () => {
        for (const c of targets) await this.setState(c, c.state);
      };
    } else if (message === 'Heartbeat') {
      run = async () => void (await this.send(this.dialect.heartbeat()));
    } else if (message === 'BootNotification') {
      run = () => this.boot();
    }
    // The answer goes out first; the triggered message follows it (1.6 §5.17, 2.0.1 use case F06).
    if (run) this.later(0, run);
    return this.dialect.triggerAnswer(!!run);
  }
}
