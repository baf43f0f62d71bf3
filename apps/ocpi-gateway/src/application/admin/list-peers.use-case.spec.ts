import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import type { PushQueue } from '../ports/push-queue.port';
import type { PushStats } from '../ports/push-stats.port';
import { ListPeersUseCase } from './list-peers.use-case';

const peer = (over: Partial<Peer>): Peer => ({
  id: 'p',
  name: 'PTP',
  status: 'REGISTERED',
  endpoints: [],
  roles: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

function useCase(peers: Peer[], pending: Array<{ key: string; partyKey: string; items: number }>) {
  const repo = { listAll: async () => peers } as unknown as PeerRepository;
  const queue = { pendingByKey: async () => pending } as unknown as PushQueue;
  const stats: PushStats = {
    delivered: () => undefined,
    lastDelivered: async () => new Map([['reg', '2026-01-02T00:00:00Z']]),
  };
  return new ListPeersUseCase(repo, queue, stats);
}

describe('operator view of peers (GET /admin/peers)', () => {
  const party = { countryCode: 'DE', partyId: 'PTP' };
  const roles = [
    { role: 'OTHER' as const, business_details: { name: 'x' }, party_id: 'PTP', country_code: 'DE' },
  ];

  it('maps states and shows the registered party, else the invitation hints', async () => {
    const rows = await useCase(
      [
        peer({ id: 'inv', status: 'PENDING', partyHint: { countryCode: 'NL', partyId: 'ABC' } }),
        peer({ id: 'reg', party, roles, version: '2.3.0', registeredAt: '2026-01-01T10:00:00.000Z' }),
        peer({ id: 'gone', status: 'UNREGISTERED', party }),
        peer({ id: 'rev', status: 'REVOKED' }),
      ],
      [],
    ).execute();
    expect(rows.map((r) => [r.peer_id, r.state, r.country_code, r.party_id])).toEqual([
      ['inv', 'INVITED', 'NL', 'ABC'],
      ['reg', 'REGISTERED', 'DE', 'PTP'],
      ['gone', 'REVOKED', 'DE', 'PTP'],
      ['rev', 'REVOKED', null, null],
    ]);
    expect(rows[1]).toEqual(
      expect.objectContaining({
        role: 'OTHER',
        version: '2.3.0',
        registered_at: '2026-01-01T10:00:00Z',
        last_push_ok_at: '2026-01-02T00:00:00Z',
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    expect(rows[0]).toEqual(expect.objectContaining({ role: null, version: null, registered_at: null }));
  });

  it('counts per-peer queues for their peer and party queues for the registered peer of the party', async () => {
    const rows = await useCase(
      [
        peer({ id: 'old', status: 'REVOKED', party, updatedAt: '2026-02-01T00:00:00.000Z' }),
        peer({ id: 'reg', party }),
        peer({ id: 'other', party: { countryCode: 'BE', partyId: 'XYZ' }, status: 'UNREGISTERED' }),
      ],
      [
        { key: 'session:s1', partyKey: 'DE*PTP', items: 2 },
        { key: 'location:old:LOC-1', partyKey: 'DE*PTP', items: 1 },
        { key: 'tariff:reg:T1', partyKey: 'DE*PTP', items: 3 },
        { key: 'cmd:s2:START_SESSION', partyKey: 'BE*XYZ', items: 1 },
        { key: 'session:s3', partyKey: 'FR*NOP', items: 5 },
      ],
    ).execute();
    expect(Object.fromEntries(rows.map((r) => [r.peer_id, r.pending_pushes]))).toEqual({
      old: 1,
      reg: 5,
      other: 1,
    });
  });
});
