import type { Logger } from '@tapcharge/logging';
import { AnyOcpiResponse, isOcpiSuccess, type Endpoint, type ModuleId } from '@tapcharge/ocpi';
import { backoffMs } from '../../domain/backoff';
import type { PushItem, PushTarget } from '../../domain/push-item';
import type { PeerClient, PeerResponse } from '../ports/peer-client.port';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue, PushQueueDoc } from '../ports/push-queue.port';
import type { PushStats } from '../ports/push-stats.port';

export interface PushWorkerOptions {
  intervalMs: number;
  batch: number;
  leaseMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface PushMetrics {
  delivered(kind: string): void;
  failed(kind: string): void;
  dropped(kind: string): void;
}

type Outcome = { ok: true } | { ok: false; error: string; rejected: boolean };

const MODULE_OF: Record<string, { id: ModuleId; role: 'RECEIVER' | 'SENDER' }> = {
  sessions: { id: 'sessions', role: 'RECEIVER' },
  cdrs: { id: 'cdrs', role: 'RECEIVER' },
  locations: { id: 'locations', role: 'RECEIVER' },
  tariffs: { id: 'tariffs', role: 'RECEIVER' },
  // the PTP is the Sender of the Payments module; its terminals live below the discovered payments URL
  'payments-terminals': { id: 'payments', role: 'SENDER' },
};

/**
 * Drains the durable push queues: per key, items go out strictly in order; a failure stops that key until
 * its backoff expires. A session PATCH the peer rejects is replaced by a PUT of the full session
 * (mod_sessions: on PATCH failure the client re-sends the whole object).
 */
export class PushWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly queue: PushQueue,
    private readonly peers: PeerRepository,
    private readonly client: PeerClient,
    private readonly opts: PushWorkerOptions,
    private readonly logger: Logger,
    private readonly metrics?: PushMetrics,
    private readonly stats?: PushStats,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something was queued: run soon instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** One pass over the due keys (exposed for tests and benches). */
  async runOnce(): Promise<number> {
    const docs = await this.queue.claimDue(new Date(), this.opts.batch, this.opts.leaseMs);
    await Promise.all(docs.map((d) => this.drain(d)));
    return docs.length;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.warn({ err }, 'push pass failed'))
        .then((n) => {
          this.running = undefined;
          if (this.stopped) return;
          const again = this.wakeRequested || (typeof n === 'number' && n >= this.opts.batch);
          this.wakeRequested = false;
          this.schedule(again ? 0 : this.opts.intervalMs);
        });
    }, ms);
  }

  private async drain(doc: PushQueueDoc): Promise<void> {
    const peer = await this.findPeer(doc.partyKey);
    for (let i = 0; i < doc.items.length; i++) {
      const item = doc.items[i] as PushItem;
      const last = i === doc.items.length - 1;
      const outcome = await this.deliver(peer, item);
      if (outcome.ok) {
        this.metrics?.delivered(item.kind);
        if (peer) this.stats?.delivered(peer.id, new Date());
        await this.queue.complete(doc.key, item.id, last);
        continue;
      }
      const log = this.logger.child({ key: doc.key, kind: item.kind, attempt: item.attempts + 1 });
      if (
        outcome.rejected &&
        item.kind === 'session' &&
        item.method === 'PATCH' &&
        typeof doc.state['full'] === 'string'
      ) {
        log.warn({ error: outcome.error }, 'session PATCH rejected; re-sending the full session with PUT');
        await this.queue.replaceHead(doc.key, item.id, {
          ...item,
          method: 'PUT',
          body: doc.state['full'],
          attempts: 0,
        });
        return;
      }
      const attempts = item.attempts + 1;
      const drop = item.maxAttempts !== null && attempts >= item.maxAttempts;
      const next = new Date(
        Date.now() + backoffMs(attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs),
      );
      if (drop) {
        this.metrics?.dropped(item.kind);
        log.error({ error: outcome.error }, 'push given up after its last attempt');
      } else {
        this.metrics?.failed(item.kind);
        log.warn({ error: outcome.error, retryAt: next.toISOString() }, 'push failed; will retry');
      }
      await this.queue.fail(doc.key, item.id, outcome.error, next, drop);
      return;
    }
  }

  private async findPeer(key: string): Promise<Peer | undefined> {
    const [countryCode = '', partyId = ''] = key.split('*');
    return this.peers.findRegisteredByParty({ countryCode, partyId });
  }

  private async deliver(peer: Peer | undefined, item: PushItem): Promise<Outcome> {
    if (!peer?.peerToken) return { ok: false, error: 'no registered peer for this party', rejected: false };
    const url = resolveUrl(peer.endpoints, item.target);
    if (!url) return { ok: false, error: 'the peer advertises no endpoint for this push', rejected: false };
    let res: PeerResponse;
    try {
      res = await this.client.request(item.method, url, peer.peerToken, item.body || undefined);
    } catch (err) {
      return { ok: false, error: `${item.method} ${url}: ${(err as Error).message}`, rejected: false };
    }
    // deleting what the peer does not have (any more) is done: a retry after a lost answer ends here
    if (item.method === 'DELETE' && res.httpStatus === 404) return { ok: true };
    return classify(res, `${item.method} ${url}`);
  }
}

/** 2xx with a success (or no) OCPI status is delivered; 4xx (not 401/403/408/429) or 2xxx is a rejection. */
export function classify(res: PeerResponse, what: string): Outcome {
  const envelope = AnyOcpiResponse.safeParse(res.body);
  const status = envelope.success ? envelope.data.status_code : undefined;
  if (res.httpStatus >= 200 && res.httpStatus < 300 && (status === undefined || isOcpiSuccess(status))) {
    return { ok: true };
  }
  const transient =
    [401, 403, 408, 429].includes(res.httpStatus) ||
    res.httpStatus >= 500 ||
    (status !== undefined && status >= 3000);
  return {
    ok: false,
    rejected:
      !transient && (res.httpStatus >= 400 || (status !== undefined && status >= 2000 && status < 3000)),
    error: `${what} -> HTTP ${res.httpStatus}${status === undefined ? '' : ` status ${status}`}${envelope.success && envelope.data.status_message ? ` (${envelope.data.status_message})` : ''}`,
  };
}

/**
 * The URL of a push. Module endpoints are bases; the payments one may be advertised as the base or as
 * `.../payments/terminals` directly (digest 1.7.4): both work.
 */
export function resolveUrl(endpoints: readonly Endpoint[], target: PushTarget): string | undefined {
  if ('url' in target) return target.url;
  const m = MODULE_OF[target.module];
  if (!m) return undefined;
  const candidates = endpoints.filter((e) => e.identifier === m.id);
  const endpoint = candidates.find((e) => e.role === m.role) ?? candidates[0];
  if (!endpoint) return undefined;
  let base = endpoint.url.replace(/\/+$/, '');
  if (target.module === 'payments-terminals' && !/\/terminals$/.test(base)) base = `${base}/terminals`;
  return target.path ? `${base}/${target.path}` : base;
}
