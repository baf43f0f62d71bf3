import { encodeTokenHeader } from '@tapcharge/ocpi';
import { hashToken } from '../../domain/ids';
import type { Peer, PeerRepository } from '../ports/peer-repository.port';
import { PeerAuthenticator } from './peer-authenticator';

function repoWith(peers: Peer[]): PeerRepository & { lookups: number } {
  const repo = {
    lookups: 0,
    create: async () => undefined,
    update: async () => true,
    findById: async () => undefined,
    findRegisteredByParty: async () => undefined,
    listRegistered: async () => [],
    listAll: async () => peers,
    findByTokenHash: async (hash: string) => {
      repo.lookups++;
      return peers.find((p) => p.tokenAHash === hash || p.tokenCHash === hash);
    },
  };
  return repo;
}

const peer = (over: Partial<Peer>): Peer => ({
  id: 'p1',
  name: 'PTP',
  status: 'REGISTERED',
  tokenCHash: hashToken('token-c'),
  endpoints: [],
  roles: [],
  party: { countryCode: 'DE', partyId: 'PTP' },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('PeerAuthenticator', () => {
  it('resolves token C (base64 and raw header) and caches per header value', async () => {
    const repo = repoWith([peer({})]);
    const auth = new PeerAuthenticator(repo, 5_000, () => 0);
    const header = encodeTokenHeader('token-c');
    expect((await auth.authenticate(header))?.kind).toBe('C');
    expect((await auth.authenticate(header))?.kind).toBe('C');
    expect(auth.peek(header)?.value?.peer.id).toBe('p1');
    expect(repo.lookups).toBe(1);
    expect((await auth.authenticate('Token token-c'))?.kind).toBe('C');
  });

  it('looks the token up again after the TTL', async () => {
    let now = 0;
    const repo = repoWith([peer({})]);
    const auth = new PeerAuthenticator(repo, 5_000, () => now);
    const header = encodeTokenHeader('token-c');
    await auth.authenticate(header);
    now = 5_001;
    expect(auth.peek(header)).toBeUndefined();
    await auth.authenticate(header);
    expect(repo.lookups).toBe(2);
  });

  it('refuses revoked and unregistered peers, and forgets cached answers on invalidate()', async () => {
    const peers = [peer({})];
    const auth = new PeerAuthenticator(repoWith(peers), 5_000, () => 0);
    const header = encodeTokenHeader('token-c');
    expect(await auth.authenticate(header)).toBeDefined();
    peers[0] = peer({ status: 'REVOKED' });
    expect(await auth.authenticate(header)).toBeDefined(); // still cached
    auth.invalidate();
    expect(await auth.authenticate(header)).toBeUndefined();
    peers[0] = peer({ status: 'UNREGISTERED' });
    auth.invalidate();
    expect(await auth.authenticate(header)).toBeUndefined();
  });

  it('does not cache an answer whose lookup overlapped an invalidate() (revocation race)', async () => {
    const peers = [peer({})];
    const repo = repoWith(peers);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: PeerRepository = {
      ...repo,
      findByTokenHash: async (hash) => {
        await gate;
        return repo.findByTokenHash(hash);
      },
    };
    const auth = new PeerAuthenticator(slow, 5_000, () => 0);
    const header = encodeTokenHeader('token-c');
    const inFlight = auth.authenticate(header);
    auth.invalidate();
    release();
    expect(await inFlight).toBeDefined();
    expect(auth.peek(header)).toBeUndefined();
  });

  it('token A only while the peer is pending', async () => {
    const auth = new PeerAuthenticator(
      repoWith([peer({ status: 'PENDING', tokenAHash: hashToken('token-a'), tokenCHash: undefined })]),
    );
    expect((await auth.authenticate(encodeTokenHeader('token-a')))?.kind).toBe('A');
    expect(await auth.authenticate(encodeTokenHeader('nope'))).toBeUndefined();
    expect(await auth.authenticate(undefined)).toBeUndefined();
  });
});
