import { encodeTokenHeader, Location221, Location230, ocpiResponseSchema, Terminal } from '@tapcharge/ocpi';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { waitFor } from '@tapcharge/testing';
import { z } from 'zod';
import { ADMIN_TOKEN, GatewayHarness } from './gateway-harness';

/**
 * The operator API the admin CLI is written against (ADR 0005), over HTTP on the real gateway with Kafka and
 * FerretDB: PTP invitation, listing and revocation; Locations (read model, persisted, pushed); terminals.
 */
const h = new GatewayHarness();
let ptp: PtpSimulator;
let peerId = '';

beforeAll(async () => {
  await h.start();
}, 120_000);

afterAll(async () => {
  await ptp?.stop();
  await h.stop();
}, 60_000);

interface PeerRow {
  peer_id: string;
  name: string;
  state: string;
  country_code: string | null;
  party_id: string | null;
  role: string | null;
  version: string | null;
  registered_at: string | null;
  last_push_ok_at: string | null;
  pending_pushes: number;
  created_at: string;
}

const peerRow = async (id: string) =>
  (await h.admin<PeerRow[]>('GET', '/admin/peers')).body.data?.find((p) => p.peer_id === id);

/** A Location of ours as an operator would write it (no country/party, no EVSE/connector timestamps). */
const newLocation = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  publish: true,
  name: 'Depot Noord',
  address: 'Noordweg 12',
  city: 'Amsterdam',
  country: 'NLD',
  coordinates: { latitude: '52.400000', longitude: '4.900000' },
  time_zone: 'Europe/Amsterdam',
  help_phone: '+31201234567',
  evses: [
    {
      uid: `${id}-EVSE-1`,
      evse_id: 'NL*TPC*E900001',
      status: 'AVAILABLE',
      capabilities: ['REMOTE_START_STOP_CAPABLE', 'CREDIT_CARD_PAYABLE'],
      connectors: [
        {
          id: '1',
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          power_type: 'AC_3_PHASE',
          max_voltage: 230,
          max_amperage: 16,
        },
      ],
    },
  ],
  ...over,
});

describe('operator API: peers', () => {
  it('refuses calls without the admin token with 401 and an error body', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: encodeTokenHeader(ADMIN_TOKEN) },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${h.gateway.url}/admin/peers`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(
        expect.objectContaining({ status_code: 2000, status_message: expect.any(String) }),
      );
    }
  });

  it('invites a PTP with country/party hints and lists it as INVITED', async () => {
    const created = await h.admin<{ peer_id: string; token_a: string; versions_url: string }>(
      'POST',
      '/admin/peers',
      {
        name: 'Terminal Co',
        country_code: 'de',
        party_id: 'ADM',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      peer_id: expect.any(String),
      token_a: expect.stringMatching(/^[\x21-\x7e]{43}$/),
      versions_url: `${h.gateway.url}/ocpi/versions`,
    });
    const invitation = created.body.data ?? { peer_id: '', token_a: '', versions_url: '' };
    peerId = invitation.peer_id;
    expect(await peerRow(peerId)).toEqual({
      peer_id: peerId,
      name: 'Terminal Co',
      state: 'INVITED',
      country_code: 'DE',
      party_id: 'ADM',
      role: null,
      version: null,
      registered_at: null,
      last_push_ok_at: null,
      pending_pushes: 0,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });

    ptp = new PtpSimulator({ countryCode: 'DE', partyId: 'ADM', role: 'PTP', version: '2.3.0' });
    await ptp.start();
    await ptp.register(invitation.versions_url, invitation.token_a);
    expect(await peerRow(peerId)).toEqual(
      expect.objectContaining({
        state: 'REGISTERED',
        country_code: 'DE',
        party_id: 'ADM',
        role: 'PTP',
        version: '2.3.0',
        registered_at: expect.stringMatching(/Z$/),
      }),
    );
  });

  it.each([
    ['a country code of three letters', { name: 'x', country_code: 'NLD' }, 'country_code'],
    ['a party id of four characters', { name: 'x', party_id: 'ABCD' }, 'party_id'],
    ['an empty name', { name: '' }, 'name'],
  ])('refuses an invitation with %s: 400 naming the field', async (_name, body, field) => {
    const res = await h.admin('POST', '/admin/peers', body);
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toContain(field);
  });

  it('revoking an unknown peer is 404', async () => {
    const res = await h.admin('POST', '/admin/peers/00000000-0000-0000-0000-000000000000/revoke');
    expect(res.status).toBe(404);
    expect(res.body.status_message).toMatch(/Unknown peer/);
  });
});

describe('operator API: locations', () => {
  it('lists the served Locations as OCPI 2.2.1 objects, and one by id', async () => {
    const res = await h.admin<unknown[]>('GET', '/admin/locations');
    expect(res.status).toBe(200);
    const locations = z.array(Location221).parse(res.body.data);
    expect(locations.map((l) => l.id)).toContain('LOC-001');
    const one = await h.admin('GET', '/admin/locations/loc-001');
    expect(Location221.parse(one.body.data).id).toBe('LOC-001');
    expect((await h.admin('GET', '/admin/locations/NOPE')).status).toBe(404);
  });

  it('PUT creates a Location: validated, served over OCPI, pushed to the PTP, stamped now', async () => {
    const before = Date.now();
    const res = await h.admin<Record<string, unknown>>(
      'PUT',
      '/admin/locations/LOC-NEW',
      newLocation('LOC-NEW'),
    );
    expect(res.status).toBe(200);
    const stored = Location221.parse(res.body.data);
    expect(stored).toEqual(expect.objectContaining({ id: 'LOC-NEW', country_code: 'NL', party_id: 'TPC' }));
    expect(Date.parse(stored.last_updated)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const served = await ptp.call('GET', `${ptp.endpoint('locations')}/LOC-NEW`);
    const location = ocpiResponseSchema(Location230).parse(served.body).data;
    expect(location?.help_phone).toBe('+31201234567');
    const listed = await ptp.call('GET', `${ptp.endpoint('locations')}?date_from=${stored.last_updated}`);
    expect((listed.body?.data as Array<{ id: string }>).map((l) => l.id)).toContain('LOC-NEW');

    const pushed = await ptp.waitFor(() => ptp.inbox.locations.get('NL/TPC/LOC-NEW'), 30_000, 'Location PUT');
    expect(Location230.safeParse(pushed).success).toBe(true);
    expect(ptp.inbox.violations).toEqual([]);
    await waitFor(async () => (await peerRow(peerId))?.last_push_ok_at ?? undefined, {
      timeoutMs: 30_000,
      description: 'last_push_ok_at set',
    });
  });

  it.each([
    [
      'a bad coordinate',
      newLocation('LOC-BAD', { coordinates: { latitude: '52.4', longitude: '4.9' } }),
      'coordinates.latitude',
    ],
    ['a missing address', { ...newLocation('LOC-BAD'), address: undefined }, 'address: required'],
    [
      'an unknown EVSE status',
      newLocation('LOC-BAD', { evses: [{ ...newLocation('x').evses[0], status: 'BROKEN' }] }),
      'evses.0.status',
    ],
    ['an id other than the URL', newLocation('LOC-OTHER'), 'differs from the URL'],
    ['another party', newLocation('LOC-BAD', { party_id: 'XYZ' }), 'is not this CPO'],
    ['an array instead of an object', [newLocation('LOC-BAD')], 'one OCPI Location object'],
  ])('PUT refuses %s with 400 and a message naming it', async (_name, body, message) => {
    const res = await h.admin('PUT', '/admin/locations/LOC-BAD', body);
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toContain(message);
    expect((await h.admin('GET', '/admin/locations/LOC-BAD')).status).toBe(404);
  });

  it('malformed JSON is 400', async () => {
    const res = await h.admin('PUT', '/admin/locations/LOC-BAD', '{"id":');
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
  });

  it('counts pushes the PTP has not taken yet, and clears them once it is back', async () => {
    ptp.setOutage(true);
    const res = await h.admin(
      'PUT',
      '/admin/locations/LOC-NEW',
      newLocation('LOC-NEW', { name: 'Depot Noord 2' }),
    );
    expect(res.status).toBe(200);
    await waitFor(async () => ((await peerRow(peerId))?.pending_pushes ?? 0) >= 1, {
      timeoutMs: 30_000,
      description: 'a pending push',
    });
    ptp.setOutage(false);
    await ptp.waitFor(
      () => ptp.inbox.locations.get('NL/TPC/LOC-NEW')?.name === 'Depot Noord 2' || undefined,
      30_000,
      'the replaced Location',
    );
    await waitFor(async () => (await peerRow(peerId))?.pending_pushes === 0, {
      timeoutMs: 30_000,
      description: 'queue drained',
    });
  });

  it('an operator Location survives a restart', async () => {
    await h.restartGateway();
    const res = await h.admin('GET', '/admin/locations/LOC-NEW');
    expect(Location221.parse(res.body.data).name).toBe('Depot Noord 2');
    const served = await ptp.call('GET', `${ptp.endpoint('locations')}/LOC-NEW/LOC-NEW-EVSE-1`);
    expect(served.httpStatus).toBe(200);
  });
});

describe('operator API: terminals', () => {
  it('lists every terminal with the PTP that owns it, and assigns Locations to it', async () => {
    expect((await ptp.registerTerminal('TERM-ADM-1')).httpStatus).toBe(201);
    const list = await h.admin<Array<Record<string, unknown>>>('GET', '/admin/terminals');
    expect(list.status).toBe(200);
    const row = list.body.data?.find((t) => t['terminal_id'] === 'TERM-ADM-1');
    expect(row).toEqual(
      expect.objectContaining({
        country_code: 'DE',
        party_id: 'ADM',
        terminal_id: 'TERM-ADM-1',
        invoice_base_url: 'http://receipts.test/invoices/',
        invoice_creator: 'CPO',
        location_ids: expect.arrayContaining(['LOC-001', 'LOC-NEW']),
        deactivated_at: null,
      }),
    );
    const assigned = await h.admin<Record<string, unknown>>(
      'POST',
      '/admin/terminals/de/adm/TERM-ADM-1/assignment',
      {
        location_ids: ['LOC-NEW'],
        evse_uids: ['LOC-NEW-EVSE-1'],
      },
    );
    expect(assigned.status).toBe(200);
    expect(Terminal.parse(assigned.body.data)).toEqual(
      expect.objectContaining({ location_ids: ['LOC-NEW'], evse_uids: ['LOC-NEW-EVSE-1'] }),
    );
    const unknown = await h.admin('POST', '/admin/terminals/DE/ADM/NOPE/assignment', {
      location_ids: ['LOC-NEW'],
    });
    expect(unknown.status).toBe(404);
  });
});

describe('operator API: revocation', () => {
  it('revokes a PTP: every token of it gets 401, it is listed REVOKED, revoking again is harmless', async () => {
    const base = ptp.endpoint('locations');
    expect((await ptp.call('GET', base)).httpStatus).toBe(200);
    expect((await ptp.call('GET', `${base}/LOC-001`)).httpStatus).toBe(200);

    const res = await h.admin<PeerRow>('POST', `/admin/peers/${peerId}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(
      expect.objectContaining({ peer_id: peerId, state: 'REVOKED', party_id: 'ADM' }),
    );

    for (const url of [
      base,
      `${base}/LOC-001`,
      ptp.endpoint('credentials'),
      `${h.gateway.url}/ocpi/versions`,
    ]) {
      const call = await ptp.call('GET', url);
      expect(call.httpStatus).toBe(401);
      expect(call.body?.status_code).toBe(2000);
    }
    expect((await peerRow(peerId))?.state).toBe('REVOKED');
    expect((await h.admin('POST', `/admin/peers/${peerId}/revoke`)).status).toBe(200);
  });

  it('revoking an invited peer kills its token A', async () => {
    const invited = await h.admin<{ peer_id: string; token_a: string }>('POST', '/admin/peers', {
      name: 'never registers',
    });
    const { peer_id: id = '', token_a: tokenA = '' } = invited.body.data ?? {};
    const versions = () =>
      fetch(`${h.gateway.url}/ocpi/versions`, { headers: { authorization: encodeTokenHeader(tokenA) } });
    expect((await versions()).status).toBe(200);
    await h.admin('POST', `/admin/peers/${id}/revoke`);
    expect((await versions()).status).toBe(401);
  });
});
