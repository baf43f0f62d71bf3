import { createEvent, EVENTS, type EventEnvelope } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { createLogger } from '@tapcharge/logging';
import { DEFAULT_SETTINGS } from '../domain/engine-settings';
import { tariffCostModel } from '../domain/tariff-cost-model';
import type { Clock, EventSink, SessionRepository, StoredSession } from './ports';
import { SessionEngine } from './session-engine';

/** A store whose writes finish only when the test says so: it holds a batch "in flight". */
class GatedRepository implements SessionRepository {
  readonly docs = new Map<string, StoredSession>();
  private release: Array<() => void> = [];
  held = false;

  async loadMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.docs.has(id) ? [[id, this.docs.get(id)!] as const] : [])));
  }
  async save(next: StoredSession, expectedVersion: number) {
    if (this.held) await new Promise<void>((r) => this.release.push(r));
    if ((this.docs.get(next.id)?.version ?? 0) !== expectedVersion) throw new Error('version conflict');
    const saved = { ...next, version: expectedVersion + 1 };
    this.docs.set(next.id, saved);
    return saved;
  }
  async clearOutbox(): Promise<void> {
    return undefined;
  }
  async findOpen() {
    return [...this.docs.values()];
  }
  letGo() {
    this.held = false;
    for (const r of this.release.splice(0)) r();
  }
}

const clock: Clock = { now: () => new Date(), at: () => ({ cancel: () => undefined }) };

function startEvent(sessionId: string): EventEnvelope {
  return createEvent(
    EVENTS.StartSessionRequested,
    { ...SAMPLE_PAYLOADS.StartSessionRequested, sessionId, authorizationReference: `ref-${sessionId}` },
    { producer: 'test' },
  );
}

function engineWith(repository: SessionRepository, published: EventEnvelope[]) {
  const sink: EventSink = { publish: async (events) => void published.push(...events) };
  return new SessionEngine({
    repository,
    sink,
    clock,
    settings: DEFAULT_SETTINGS,
    costModelFactory: tariffCostModel,
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
}

describe('SessionEngine concurrency', () => {
  it('a session is not held up by another session whose snapshot write is still in flight', async () => {
    const repo = new GatedRepository();
    const published: EventEnvelope[] = [];
    const engine = engineWith(repo, published);
    repo.held = true;
    const slow = engine.handleBatch([{ event: startEvent('S-SLOW'), partition: 0 }]);
    await new Promise((r) => setImmediate(r));
    repo.held = false;
    await engine.handleBatch([{ event: startEvent('S-FAST'), partition: 1 }]);
    expect(repo.docs.has('S-FAST')).toBe(true);
    expect(repo.docs.has('S-SLOW')).toBe(false);
    repo.letGo();
    await slow;
    expect(repo.docs.has('S-SLOW')).toBe(true);
  });

  it('a restore (partition assignment) during in-flight work waits for it, and later work waits for the restore', async () => {
    const repo = new GatedRepository();
    const engine = engineWith(repo, []);
    repo.held = true;
    const first = engine.handleBatch([{ event: startEvent('S-1'), partition: 0 }]);
    const restore = engine.onAssignment([0, 1]);
    // Arrives after the restore was asked for: must neither deadlock nor overtake it.
    const second = engine.handleBatch([{ event: startEvent('S-2'), partition: 1 }]);
    const order: string[] = [];
    void restore.then(() => order.push('restore'));
    void second.then(() => order.push('second'));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    repo.letGo();
    await Promise.all([first, restore, second]);
    expect(order).toEqual(['restore', 'second']);
    expect([...repo.docs.keys()].sort()).toEqual(['S-1', 'S-2']);
  });
});
