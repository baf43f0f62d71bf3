/*
 * The cost-limit bench runs like production: the OCPP gateway and the simulated chargers in processes of
 * their own (forked from cost-limit.bench.ts), so a busy simulator never delays the engine's cost-limit
 * timers. This file holds what they share: the messages and a small request/answer helper over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** A simulated charger of the bench fleet: its power, meter interval, stop latency and protocol are its own. */
export interface StationPlan {
  stationId: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  powerKw: number;
  intervalS: number;
  latencyS: number;
}

export type ToGateway = {
  kind: 'start';
  env: Record<string, string>;
  stations: string[];
  password: string;
};
export type FromGateway = { kind: 'started'; ocppPort: number } | { kind: 'error'; message: string };

export type ToChargers =
  | {
      kind: 'connect';
      url: string;
      password: string;
      stations: StationPlan[];
      speed: number;
      /** Wall-clock ms at which simulated time equals wall time (the engine's clock origin). */
      originMs: number;
      /** Simulated minutes after which the car ends a session itself (tariffs that cap their own price). */
      evEndsAfterMin: number;
    }
  | { kind: 'unplug'; id: number; stationId: string }
  | { kind: 'stop' };
export type FromChargers =
  | { kind: 'connected'; failed: number; firstError?: string }
  | { kind: 'unplugged'; id: number; error?: string }
  | { kind: 'error'; message: string };

/** A forked bench process: send messages, wait for the first answer that matches. */
export class BenchChild<To, From extends { kind: string }> {
  private readonly child: ChildProcess;
  private readonly waiters = new Set<(m: From) => boolean>();
  private exited: string | undefined;

  constructor(script: string, name: string) {
    this.child = fork(script, [], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_CHILD: name },
    });
    this.child.on('message', (m: From) => {
      for (const w of [...this.waiters]) if (w(m)) this.waiters.delete(w);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `${name} exited (${code ?? signal})`;
      for (const w of [...this.waiters]) w({ kind: 'error', message: this.exited } as unknown as From);
      this.waiters.clear();
    });
  }

  send(m: To): void {
    if (this.exited) throw new Error(this.exited);
    this.child.send(m as object);
  }

  /** Sends `m` and resolves with the first message `match` accepts; an `error` message or exit rejects. */
  request<R extends From>(m: To, match: (x: From) => x is R, timeoutMs = 120_000): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no answer to ${JSON.stringify(m).slice(0, 80)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (x: From): boolean => {
        if (x.kind === 'error') {
          clearTimeout(timer);
          reject(new Error((x as unknown as { message: string }).message));
          return true;
        }
        if (!match(x)) return false;
        clearTimeout(timer);
        resolve(x);
        return true;
      };
      this.waiters.add(waiter);
      this.send(m);
    });
  }

  async stop(m: To, timeoutMs = 15_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send(m);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }
}
