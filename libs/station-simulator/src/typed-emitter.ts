import { EventEmitter } from 'node:events';

/** An EventEmitter whose event names and payloads are checked by the compiler. */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** Resolves with the next payload of `event` that matches, or rejects at the deadline. */
  next<K extends keyof Events & string>(
    event: K,
    match: (payload: Events[K]) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<Events[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off(event, listener);
        reject(new Error(`no "${event}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (payload: Events[K]) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        this.emitter.off(event, listener);
        resolve(payload);
      };
      this.emitter.on(event, listener);
    });
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.emitter.emit(event, payload);
  }
}
