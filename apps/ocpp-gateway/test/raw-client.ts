import WebSocket from 'ws';

/**
 * A hand-written OCPP-J client on a bare `ws` socket (not the simulator, not ocpp-ws-io): sends frames as
 * text and reads replies by message id, to check the gateway against the spec independently.
 */
export class RawOcppClient {
  private readonly replies = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, (frame: unknown[]) => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!Array.isArray(frame) || typeof frame[1] !== 'string') return;
      const waiter = this.waiters.get(frame[1]);
      if (waiter) {
        this.waiters.delete(frame[1]);
        waiter(frame);
      } else this.replies.set(frame[1], frame);
    });
  }

  static open(url: string, identity: string, protocol: string, password?: string): Promise<RawOcppClient> {
    const headers: Record<string, string> = {};
    if (password)
      headers['authorization'] = `Basic ${Buffer.from(`${identity}:${password}`).toString('base64')}`;
    const ws = new WebSocket(`${url}/${identity}`, [protocol], { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawOcppClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** Sends a frame and waits for the reply with `id` (deadline `timeoutMs`). */
  request(id: string, text: string, timeoutMs = 5_000): Promise<unknown[]> {
    const p = this.reply(id, timeoutMs);
    this.ws.send(text);
    return p;
  }

  call(
    action: string,
    payload: unknown,
    id = `${action}-${Math.random().toString(36).slice(2)}`,
  ): Promise<unknown[]> {
    return this.request(id, JSON.stringify([2, id, action, payload]));
  }

  reply(id: string, timeoutMs = 5_000): Promise<unknown[]> {
    const ready = this.replies.get(id);
    if (ready) {
      this.replies.delete(id);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`no reply to ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, (frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
