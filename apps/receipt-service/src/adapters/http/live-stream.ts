import type { ServerResponse } from 'node:http';
import type { Logger } from '@tapcharge/logging';
import type { GetReceiptUseCase } from '../../application/get-receipt.use-case';
import type { LiveUpdatesHub } from '../../application/live-updates.hub';
import { liveFigures } from '../../domain/live-figures';
import { phaseOf, type ReceiptPhase, type ReceiptState } from '../../domain/receipt';
import { formatterFor, type PageContext } from '../render/page-context';

export interface LiveStreamSettings {
  pollMs: number;
  keepaliveMs: number;
  maxLifetimeMs: number;
}

/** The open streams of this process, so shutdown can end them (an open stream would hold the server). */
export class OpenStreams {
  private readonly streams = new Set<LiveStream>();

  add(stream: LiveStream): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  closeAll(): void {
    for (const s of [...this.streams]) s.close();
  }
}

export interface LiveStreamDeps {
  getReceipt: GetReceiptUseCase;
  hub: LiveUpdatesHub;
  settings: LiveStreamSettings;
  logger: Logger;
}

/**
 * One server-sent-events stream for a receipt page. While the page's phase lasts it sends `figures`
 * (localised text for each field) whenever they change, fed by the hub (this replica's projection) and by a
 * periodic store read (another replica's). When the phase changes (session ended, invoice issued) it sends
 * `completed`, which makes the page reload, and ends.
 */
export class LiveStream {
  private lastFigures = '';
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly reference: string,
    private readonly pagePhase: ReceiptPhase,
    private readonly ctx: PageContext,
    private readonly deps: LiveStreamDeps,
    private readonly onClose: () => void,
  ) {}

  start(initial: ReceiptState): void {
    this.res.write(`retry: 5000\n\n`);
    this.unsubscribe = this.deps.hub.subscribe(this.reference, (s) => this.push(s));
    const { pollMs, keepaliveMs, maxLifetimeMs } = this.deps.settings;
    this.timers.push(setInterval(() => void this.poll(), pollMs));
    this.timers.push(setInterval(() => this.write(': keepalive\n\n'), keepaliveMs));
    this.timers.push(setTimeout(() => this.close(), maxLifetimeMs));
    this.res.on('close', () => this.close());
    this.push(initial);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.unsubscribe();
    if (!this.res.writableEnded) this.res.end();
    this.onClose();
  }

  private push(state: ReceiptState): void {
    if (this.closed) return;
    const phase = phaseOf(state);
    if (phase !== this.pagePhase) {
      this.write(`event: completed\ndata: ${JSON.stringify({ phase: phase ?? 'unknown' })}\n\n`);
      this.close();
      return;
    }
    if (phase !== 'live' || !state.session) return;
    const figures = JSON.stringify(
      liveFigures(state.session, formatterFor(this.ctx), this.ctx.locale.messages),
    );
    if (figures === this.lastFigures) return;
    this.lastFigures = figures;
    this.write(`event: figures\ndata: ${figures}\n\n`);
  }

  private async poll(): Promise<void> {
    try {
      const state = await this.deps.getReceipt.execute(this.reference);
      if (state) this.push(state);
    } catch (err) {
      this.deps.logger.warn({ err }, 'live stream poll failed');
    }
  }

  private write(chunk: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(chunk);
  }
}
