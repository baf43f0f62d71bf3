import { createLogger } from '@tapcharge/logging';
import type { ReceiptState, SessionFacts } from '../domain/receipt';
import { LiveUpdatesHub } from './live-updates.hub';
import {
  ReceiptConflictError,
  type ReceiptRepository,
  type StoredReceipt,
} from './ports/receipt-repository.port';
import { ProjectReceiptEventsUseCase } from './project-receipt-events.use-case';
import type { ReceiptEvent } from './receipt-event.mapper';

class InMemoryReceipts implements ReceiptRepository {
  readonly docs = new Map<string, StoredReceipt>();
  saves = 0;
  conflictsToInject = 0;

  async load(ref: string) {
    const d = this.docs.get(ref);
    return d ? structuredClone(d) : undefined;
  }

  async save(state: ReceiptState, processedEventIds: string[], expectedVersion: number) {
    const current = this.docs.get(state.authorizationReference)?.version ?? 0;
    if (this.conflictsToInject > 0 || current !== expectedVersion) {
      this.conflictsToInject = Math.max(0, this.conflictsToInject - 1);
      throw new ReceiptConflictError(state.authorizationReference);
    }
    this.saves++;
    this.docs.set(state.authorizationReference, {
      state: structuredClone(state),
      processedEventIds,
      version: current + 1,
    });
  }

  async ping() {
    return true;
  }
}

const facts = (energyWh: number, lastUpdated: string): SessionFacts => ({
  state: 'ACTIVE',
  connectorId: '1',
  startedAt: '2026-11-24T10:00:00Z',
  energyWh,
  cost: { exclVat: '0', inclVat: '0', currency: 'EUR' },
  limitInclVat: { amount: '40.00', currency: 'EUR' },
  lastUpdated,
});
const ev = (eventId: string, reference: string, energyWh: number, at: string): ReceiptEvent => ({
  eventId,
  reference,
  input: { kind: 'session', session: facts(energyWh, at) },
});

describe('ProjectReceiptEventsUseCase', () => {
  const logger = createLogger({ service: 'test', level: 'silent' });
  let repo: InMemoryReceipts;
  let hub: LiveUpdatesHub;
  let published: ReceiptState[];
  let project: ProjectReceiptEventsUseCase;

  beforeEach(() => {
    repo = new InMemoryReceipts();
    hub = new LiveUpdatesHub();
    published = [];
    hub.subscribe('a', (s) => published.push(s));
    project = new ProjectReceiptEventsUseCase(repo, hub, logger);
  });

  it('writes once per reference per batch and tells the live pages', async () => {
    await project.execute([
      ev('e1', 'a', 100, '2026-11-24T10:01:00Z'),
      ev('e2', 'b', 5, '2026-11-24T10:01:00Z'),
      ev('e3', 'a', 200, '2026-11-24T10:02:00Z'),
    ]);
    expect(repo.saves).toBe(2);
    expect(repo.docs.get('a')?.state.session?.energyWh).toBe(200);
    expect(repo.docs.get('a')?.processedEventIds).toEqual(['e1', 'e3']);
    expect(published.map((s) => s.session?.energyWh)).toEqual([200]);
  });

  it('is idempotent on event id: a redelivered event is not applied or written again', async () => {
    await project.execute([ev('e1', 'a', 100, '2026-11-24T10:01:00Z')]);
    // Same id with different content proves the id, not the content, decides.
    await project.execute([ev('e1', 'a', 999, '2026-11-24T10:09:00Z')]);
    expect(repo.saves).toBe(1);
    expect(repo.docs.get('a')?.state.session?.energyWh).toBe(100);
  });

  it('skips the write when only stale facts arrive', async () => {
    await project.execute([ev('e1', 'a', 200, '2026-11-24T10:02:00Z')]);
    await project.execute([ev('e0', 'a', 100, '2026-11-24T10:01:00Z')]);
    expect(repo.saves).toBe(1);
    expect(published).toHaveLength(1);
  });

  it('reloads and re-applies after a concurrent write, and gives up after repeated conflicts', async () => {
    repo.conflictsToInject = 2;
    await project.execute([ev('e1', 'a', 100, '2026-11-24T10:01:00Z')]);
    expect(repo.docs.get('a')?.state.session?.energyWh).toBe(100);
    repo.conflictsToInject = 10;
    await expect(project.execute([ev('e2', 'a', 200, '2026-11-24T10:02:00Z')])).rejects.toBeInstanceOf(
      ReceiptConflictError,
    );
  });
});
