import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { parseFrame, type OcppVersion } from '@tapcharge/ocpp';

/** A CALLERROR the peer answered, or one our handler wants to send. */
export class OcppCallError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${description}`);
    this.name = 'OcppCallError';
  }
}

export type IncomingCallHandler = (
  action: string,
  payload: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export interface ConnectOptions {
  url: string;
  protocol: OcppVersion;
  identity: string;
  password?: string;
  /** Handshake deadline. */
  timeoutMs?: number;
  ca?: string | Buffer;
}

interface Pending {
  resolve: (payload: Record<string, unknown>) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The charger side of an OCPP-J connection on a raw `ws` socket, independent of the server library:
 * CALLs with deadlines, one outstanding CALL at a time (OCPP-J 1.6 §4.1.1, 2.0.1 Part 4 §4.1.1),
 * incoming CALLs answered through one handler. Emits `close` ({code, reason}).
 */
export class OcppJSocket extends EventEmitter {
  private readonly pending = new Map<string, Pending>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly ws: WebSocket,
    readonly protocol: OcppVersion,
    private readonly onCall: IncomingCallHandler,
  ) {
    super();
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', (code, reason) => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('connection closed'));
      }
      this.pending.clear();
      this.emit('close', { code, reason: reason.toString() });
    });
    ws.on('error', () => undefined); // surfaced as 'close'
  }

  /** Opens the socket; rejects with the HTTP status on a refused upgrade (e.g. `401`, `404`). */
  static connect(opts: ConnectOptions, onCall: IncomingCallHandler): Promise<OcppJSocket> {
    const headers: Record<string, string> = {};
    if (opts.password !== undefined) {
      headers['authorization'] =
        `Basic ${Buffer.from(`${opts.identity}:${opts.password}`).toString('base64')}`;
    }
    const url = `${opts.url.replace(/\/$/, '')}/${encodeURIComponent(opts.identity)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [opts.protocol], {
        headers,
        handshakeTimeout: opts.timeoutMs ?? 10_000,
        ...(opts.ca ? { ca: opts.ca } : {}),
      });
      const fail = (err: Error) => reject(err);
      ws.once('unexpected-response', (_req, res) => {
        ws.removeListener('error', fail);
        ws.on('error', () => undefined);
        reject(new UpgradeRefused(res.statusCode ?? 0));
        res.resume();
        ws.terminate();
      });
      ws.once('error', fail);
      ws.once('open', () => {
        ws.removeListener('error', fail);
        if (ws.protocol !== opts.protocol) {
          ws.terminate();
          reject(new Error(`server chose subprotocol "${ws.protocol}", wanted ${opts.protocol}`));
          return;
        }
        resolve(new OcppJSocket(ws, opts.protocol, onCall));
      });
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a CALL after the previous one was answered; rejects with OcppCallError or on timeout. */
  call(
    action: string,
    payload: Record<string, unknown>,
    timeoutMs = 30_000,
  ): Promise<Record<string, unknown>> {
    const run = () => this.callNow(action, payload, timeoutMs);
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Sends an arbitrary text frame (conformance tests). */
  sendRaw(text: string): void {
    this.ws.send(text);
  }

  close(code = 1000): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code);
  }

  /** Drops the TCP connection without a close handshake (a charger losing its modem). */
  terminate(): void {
    this.ws.terminate();
  }

  private callNow(
    action: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    if (!this.isOpen) return Promise.reject(new Error('connection closed'));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${action} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(JSON.stringify([2, id, action, payload]), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(err);
      });
    });
  }

  private onMessage(text: string): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) return;
    const frame = parsed.frame;
    if (frame[0] === 2) {
      void this.answer(frame[1], frame[2], frame[3]);
      return;
    }
    const p = this.pending.get(frame[1]);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(frame[1]);
    if (frame[0] === 3) p.resolve(frame[2]);
    else p.reject(new OcppCallError(frame[2], frame[3], frame[4]));
  }

  private async answer(id: string, action: string, payload: Record<string, unknown>): Promise<void> {
    let reply: unknown[];
    try {
      reply = [3, id, await this.onCall(action, payload)];
    } catch (err) {
      reply =
        err instanceof OcppCallError
          ? [4, id, err.code, err.description, err.details]
          : [4, id, 'InternalError', (err as Error).message, {}];
    }
    if (this.isOpen) this.ws.send(JSON.stringify(reply));
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
    this.name = 'UpgradeRefused';
  }
}
