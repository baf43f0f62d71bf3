import type { EventEnvelope, TariffChangedPayload } from '@tapcharge/contracts';
import { createLogger } from '@tapcharge/logging';
import { demoTariff, withFirstPrice } from '../../test/demo-tariffs';
import { InMemoryTariffRepository } from '../../test/in-memory-tariff.repository';
import { parseTariffSeed } from '../domain/tariff-seed.parser';
import { TariffServiceError } from '../domain/tariff.errors';
import { AssignTariffUseCase } from './assign-tariff/assign-tariff.use-case';
import { DeleteTariffUseCase } from './delete-tariff/delete-tariff.use-case';
import type { ChangeObserver } from './ports/change-observer.port';
import type { TariffChangePublisher } from './ports/tariff-change-publisher.port';
import { PutTariffUseCase } from './put-tariff/put-tariff.use-case';
import { SeedTariffsUseCase } from './seed-tariffs/seed-tariffs.use-case';
import { TariffChanges } from './tariff-changes';

const ID = 'DEMO-SIMPLE-KWH';

function setup(opts: { brokerDown?: boolean } = {}) {
  const repo = new InMemoryTariffRepository();
  const published: EventEnvelope[] = [];
  const publisher: TariffChangePublisher = {
    flush: async (id) => {
      if (opts.brokerDown) throw new Error('broker down');
      const doc = repo.docs.get(id);
      if (doc?.outbox) published.push(doc.outbox);
      if (doc) delete doc.outbox;
    },
  };
  const observed = { changes: 0, deferred: 0 };
  const observer: ChangeObserver = {
    changed: () => observed.changes++,
    publishDeferred: () => observed.deferred++,
  };
  let t = Date.parse('2026-03-01T10:00:00Z');
  const clock = { now: () => new Date(t) };
  const changes = new TariffChanges(
    repo,
    publisher,
    clock,
    createLogger({ service: 't', level: 'silent' }),
    observer,
  );
  return {
    repo,
    published,
    observed,
    advance: (ms: number) => (t += ms),
    put: new PutTariffUseCase(changes),
    assign: new AssignTariffUseCase(changes),
    del: new DeleteTariffUseCase(changes),
    seed: new SeedTariffsUseCase(changes),
  };
}

const payloads = (events: EventEnvelope[]) => events.map((e) => e.payload as TariffChangedPayload);

describe('tariff changes: write record + event in one document, then publish', () => {
  it('publishes a TariffChanged per change with the full latest state, none for an unchanged PUT', async () => {
    const s = setup();
    expect((await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') })).created).toBe(true);
    const again = await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') });
    expect(again).toMatchObject({ created: false, changed: false });
    await s.assign.execute({ tariffId: ID, body: { appliesTo: ['L/E/1'] } });
    await s.del.execute(ID);
    const p = payloads(s.published);
    expect(p.map((x) => [x.tariff === null, x.appliesTo])).toEqual([
      [false, []],
      [false, ['L/E/1']],
      [true, []],
    ]);
    expect(p.every((x) => x.tariffId === ID && x.ocpiVersion === '2.2.1')).toBe(true);
    expect(new Set(s.published.map((e) => e.eventId)).size).toBe(3);
    const times = p.map((x) => Date.parse(x.lastUpdated));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(3);
    expect(s.observed.changes).toBe(3);
  });

  it('re-reads and decides again when another writer got there first', async () => {
    const s = setup();
    await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') });
    s.repo.racesToLose = 2;
    await s.assign.execute({ tariffId: ID, body: { appliesTo: ['L/E/1'] } });
    expect(s.repo.docs.get(ID)?.record.appliesTo).toEqual(['L/E/1']);
    expect(s.repo.docs.get(ID)?.version).toBe(4);
  });

  it('answers TARIFF.CONFLICT (409) when the tariff keeps changing under it', async () => {
    const s = setup();
    s.repo.racesToLose = 10;
    await expect(s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') })).rejects.toMatchObject({
      code: 'TARIFF.CONFLICT',
    });
  });

  it('keeps the change and its event when the broker is down (the outbox recovery sends it later)', async () => {
    const s = setup({ brokerDown: true });
    const r = await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') });
    expect(r.changed).toBe(true);
    expect((s.repo.docs.get(ID)?.outbox?.payload as TariffChangedPayload).tariffId).toBe(ID);
    expect(s.observed.deferred).toBe(1);
  });

  it('refuses to assign or delete a tariff that does not exist (or no longer does)', async () => {
    const s = setup();
    await expect(s.del.execute(ID)).rejects.toMatchObject({ code: 'TARIFF.NOT_FOUND' });
    await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') });
    await s.del.execute(ID);
    await expect(s.del.execute(ID)).rejects.toBeInstanceOf(TariffServiceError);
    await expect(s.assign.execute({ tariffId: ID, body: { appliesTo: ['L/E/1'] } })).rejects.toMatchObject({
      code: 'TARIFF.NOT_FOUND',
    });
    expect(s.published).toHaveLength(2);
  });

  it('seeds once: a second run writes and publishes nothing; a changed entry replaces; an operator edit survives', async () => {
    const s = setup();
    const file = (price: number) => {
      const t = withFirstPrice(demoTariff('simple-per-kwh'), price);
      return parseTariffSeed({ tariffs: [{ tariff: t, appliesTo: ['L/E/1'] }] }, '2026-03-01T10:00:00Z');
    };
    expect((await s.seed.execute(file(0.4876))).create).toEqual([ID]);
    const version = s.repo.docs.get(ID)?.version;
    expect((await s.seed.execute(file(0.4876))).skip).toEqual([ID]);
    expect(s.repo.docs.get(ID)?.version).toBe(version);
    expect(s.published).toHaveLength(1);

    const edited = withFirstPrice(demoTariff('simple-per-kwh'), 0.6);
    await s.put.execute({ tariffId: ID, body: edited });
    expect((await s.seed.execute(file(0.4876))).skip).toEqual([ID]);
    expect(s.repo.docs.get(ID)?.record.tariff?.elements[0]?.price_components[0]?.price).toBe(0.6);

    expect((await s.seed.execute(file(0.5))).replace).toEqual([ID]);
    expect(s.repo.docs.get(ID)?.record.tariff?.elements[0]?.price_components[0]?.price).toBe(0.5);
    expect(payloads(s.published).map((p) => p.appliesTo)).toEqual([['L/E/1'], ['L/E/1'], ['L/E/1']]);
  });

  it('adopts a tariff an operator already put with the seed content, without publishing', async () => {
    const s = setup();
    await s.put.execute({ tariffId: ID, body: demoTariff('simple-per-kwh') });
    await s.assign.execute({ tariffId: ID, body: { appliesTo: ['L/E/1'] } });
    const entries = parseTariffSeed(
      { tariffs: [{ tariff: demoTariff('simple-per-kwh'), appliesTo: ['L/E/1'] }] },
      '2026-03-01T10:00:00Z',
    );
    expect((await s.seed.execute(entries)).adopt).toEqual([ID]);
    expect(s.repo.docs.get(ID)?.record.seedHash).toBe(entries[0]?.hash);
    expect(s.published).toHaveLength(2);
    expect((await s.seed.execute(entries)).skip).toEqual([ID]);
  });
});
