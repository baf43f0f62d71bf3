import { EVENTS, type SessionSnapshot } from '@tapcharge/contracts';
import {
  Cdr230,
  CommandResponse,
  Connector,
  encodeTokenHeader,
  Evse,
  FinancialAdviceConfirmation,
  Location230,
  ocpiResponseSchema,
  Session230,
  Tariff221,
  Tariff230,
  Terminal,
  toVersionPrice,
} from '@tapcharge/ocpi';
import type { PtpSimulator } from '@tapcharge/ptp-simulator';
import { z } from 'zod';
import { GatewayHarness } from './gateway-harness';

const h = new GatewayHarness();
let ptp: PtpSimulator;

beforeAll(async () => {
  await h.start();
  await h.publishDemoTariff();
  ptp = await h.registeredPtp({ countryCode: 'DE', partyId: 'PTP', role: 'OTHER', version: '2.3.0' });
}, 120_000);

afterAll(() => h.stop(), 60_000);

const envelopeOf = <S extends z.ZodType>(data: S) => ocpiResponseSchema(data);

function snapshot(
  over: Partial<SessionSnapshot> & Pick<SessionSnapshot, 'sessionId' | 'authorizationReference'>,
): SessionSnapshot {
  return {
    ptp: { countryCode: 'DE', partyId: 'PTP' },
    ocpiVersion: '2.3.0',
    state: 'ACTIVE',
    ocpiStatus: 'ACTIVE',
    connector: {
      locationId: 'LOC-001',
      evseUid: 'LOC-001-EVSE-01',
      connectorId: '1',
      stationId: 'CP-16-001',
      ocppEvseId: 1,
      ocppConnectorId: 1,
    },
    token: { country_code: 'DE', party_id: 'PTP', uid: 'u-1', type: 'AD_HOC_USER', contract_id: 'c-1' },
    startedAt: '2026-01-02T10:00:00.000Z',
    energyWh: 0,
    cost: { exclVat: '0', inclVat: '0', currency: 'EUR' },
    limitInclVat: { amount: '30.00', currency: 'EUR' },
    lastUpdated: '2026-01-02T10:00:00.000Z',
    ...over,
  };
}

describe('credentials (token A -> B -> C)', () => {
  it('versions and details answer with token A; functional modules refuse it with 401', async () => {
    const tokenA = await h.tokenA();
    const versions = await ptp.call('GET', h.versionsUrl, undefined, tokenA);
    expect(versions.httpStatus).toBe(200);
    expect(versions.body?.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: '2.3.0' }),
        expect.objectContaining({ version: '2.2.1' }),
      ]),
    );
    const locations = await ptp.call('GET', `${h.gateway.url}/ocpi/2.3.0/locations`, undefined, tokenA);
    expect(locations.httpStatus).toBe(401);
    expect(locations.body?.status_code).toBe(2000);
  });

  it('unknown token -> HTTP 401 with an OCPI error body; no token -> 401', async () => {
    for (const headers of [
      { authorization: encodeTokenHeader('not-a-token') },
      {} as Record<string, string>,
    ]) {
      const res = await fetch(`${h.gateway.url}/ocpi/2.3.0/locations`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(
        expect.objectContaining({ status_code: 2000, timestamp: expect.stringMatching(/Z$/) }),
      );
    }
  });

  it('token C works base64-encoded and raw (2.1.1-era peers)', async () => {
    const raw = await fetch(`${h.gateway.url}/ocpi/2.3.0/locations`, {
      headers: { authorization: `Token ${ptp.cpoToken}` },
    });
    expect(raw.status).toBe(200);
    const b64 = await fetch(`${h.gateway.url}/ocpi/2.3.0/locations`, {
      headers: { authorization: encodeTokenHeader(ptp.cpoToken!) },
    });
    expect(b64.status).toBe(200);
  });

  it('a second POST is 405; GET returns our credentials; a registration with an unreachable URL is 3001', async () => {
    const again = await ptp.call('POST', ptp.endpoint('credentials'), {
      token: 'x',
      url: 'http://127.0.0.1:9/versions',
      roles: [],
    });
    expect(again.httpStatus).toBe(405);
    const mine = await ptp.call('GET', ptp.endpoint('credentials'));
    expect(mine.body?.data).toEqual(
      expect.objectContaining({
        token: ptp.cpoToken,
        roles: [expect.objectContaining({ role: 'CPO', party_id: 'TPC' })],
      }),
    );
    const tokenA = await h.tokenA();
    const bad = await ptp.call(
      'POST',
      `${h.gateway.url}/ocpi/2.3.0/credentials`,
      {
        token: 'abc',
        url: 'http://127.0.0.1:9/versions',
        roles: [{ role: 'PTP', party_id: 'XXX', country_code: 'DE', business_details: { name: 'x' } }],
      },
      tokenA,
    );
    expect(bad.httpStatus).toBe(200);
    expect(bad.body?.status_code).toBe(3001);
  });

  it('invalid credentials body -> 2001 naming the field', async () => {
    const res = await ptp.call(
      'POST',
      `${h.gateway.url}/ocpi/2.3.0/credentials`,
      { token: 'a b', url: 'nope', roles: [] },
      await h.tokenA(),
    );
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/token: only printable non-whitespace ASCII/);
    expect(res.body?.status_message).toMatch(/url: expected an absolute URL/);
  });
});

describe('locations (sender)', () => {
  it('lists with paging headers and a Link to the next page that keeps the filters', async () => {
    const res = await ptp.call('GET', `${ptp.endpoint('locations')}?limit=1&date_from=2020-01-01T00:00:00`);
    expect(res.httpStatus).toBe(200);
    expect(envelopeOf(z.array(Location230)).safeParse(res.body).success).toBe(true);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.headers.get('x-limit')).toBe('100');
    expect(res.headers.get('link')).toBeNull();
    const none = await ptp.call('GET', `${ptp.endpoint('locations')}?date_from=2999-01-01T00:00:00Z`);
    expect(none.body?.data).toEqual([]);
  });

  it('serves one location, EVSE and connector; unknown ones are 404', async () => {
    const base = ptp.endpoint('locations');
    expect(envelopeOf(Location230).safeParse((await ptp.call('GET', `${base}/LOC-001`)).body).success).toBe(
      true,
    );
    expect(
      envelopeOf(Evse).safeParse((await ptp.call('GET', `${base}/LOC-001/LOC-001-EVSE-02`)).body).success,
    ).toBe(true);
    const connector = await ptp.call('GET', `${base}/LOC-001/LOC-001-EVSE-02/1`);
    expect(envelopeOf(Connector).parse(connector.body).data?.tariff_ids).toEqual(['ADHOC-EUR']);
    expect((await ptp.call('GET', `${base}/NOPE`)).httpStatus).toBe(404);
    expect((await ptp.call('GET', `${base}/LOC-001/NOPE/1`)).httpStatus).toBe(404);
  });

  it('rejects bad paging parameters with 2001', async () => {
    const res = await ptp.call('GET', `${ptp.endpoint('locations')}?offset=-3&limit=x`);
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/offset/);
  });

  it('applies ConnectorStatusChanged and pushes the EVSE status to the PTP', async () => {
    await h.publish(EVENTS.ConnectorStatusChanged, {
      stationId: 'CP-16-002',
      ocppEvseId: 1,
      ocppConnectorId: 1,
      ocppStatus: 'Faulted',
      status: 'OUTOFORDER',
      at: '2026-01-01T12:00:00Z',
    });
    await ptp.waitFor(
      () => ptp.inbox.locationPatches.find((p) => p.path.endsWith('LOC-001/LOC-001-EVSE-03')),
      20_000,
      'EVSE status push',
    );
    const patch = ptp.inbox.locationPatches.find((p) => p.path.endsWith('LOC-001/LOC-001-EVSE-03'));
    expect(patch?.path).toBe('NL/TPC/LOC-001/LOC-001-EVSE-03');
    expect(patch?.body).toEqual({ status: 'OUTOFORDER', last_updated: '2026-01-01T12:00:00Z' });
    const evse = await ptp.call('GET', `${ptp.endpoint('locations')}/LOC-001/LOC-001-EVSE-03`);
    expect((evse.body?.data as { status: string }).status).toBe('OUTOFORDER');
    // the list is served from cached pages: the change must show there too
    const list = await ptp.call('GET', ptp.endpoint('locations'));
    const listed = envelopeOf(z.array(Location230)).parse(list.body).data?.[0];
    expect(listed?.evses?.find((e) => e.uid === 'LOC-001-EVSE-03')?.status).toBe('OUTOFORDER');
    expect(listed?.last_updated).toBe('2026-01-01T12:00:00Z');
  });

  it('the list answers token A and unknown tokens with 401 and an OCPI body, also when cached', async () => {
    await ptp.call('GET', ptp.endpoint('locations'));
    const tokenA = await h.tokenA();
    for (const token of [tokenA, tokenA, 'unknown-token', 'unknown-token']) {
      const res = await ptp.call('GET', ptp.endpoint('locations'), undefined, token);
      expect(res.httpStatus).toBe(401);
      expect(res.body?.status_code).toBe(2000);
    }
    const wrongVersion = await ptp.call('GET', `${h.gateway.url}/ocpi/9.9/locations`);
    expect(wrongVersion.httpStatus).toBe(404);
  });
});

describe('tariffs (sender, both versions)', () => {
  it('2.3.0 shape with preauthorize_amount and PriceLimit; 2.2.1 shape with Price', async () => {
    const v230 = await ptp.call('GET', ptp.endpoint('tariffs'));
    const t230 = envelopeOf(z.array(Tariff230)).parse(v230.body).data?.[0];
    expect(t230).toEqual(
      expect.objectContaining({
        id: 'ADHOC-EUR',
        preauthorize_amount: 30,
        tax_included: 'NO',
        max_price: { before_taxes: 33.06, after_taxes: 40 },
      }),
    );
    const v221 = await ptp.call('GET', `${h.gateway.url}/ocpi/2.2.1/tariffs`);
    const t221 = envelopeOf(z.array(Tariff221)).parse(v221.body).data?.[0];
    expect(t221?.max_price).toEqual({ excl_vat: 33.06, incl_vat: 40 });
    expect(t221).not.toHaveProperty('tax_included');
  });
});

describe('commands (receiver) and the session lifecycle', () => {
  let sessionId = '';
  let ref = '';

  it('START_SESSION: ACCEPTED at once, StartSessionRequested on Kafka with connector, tariff, time zone and limit', async () => {
    const started = await ptp.startSession({
      locationId: 'LOC-001',
      evseUid: 'LOC-001-EVSE-01',
      connectorId: '1',
    });
    ref = started.authorizationReference;
    expect(started.response).toEqual({ result: 'ACCEPTED', timeout: 60 });
    const event = await h.waitForEvent(
      (e) => e.type === 'StartSessionRequested' && e.authorizationReference === ref,
      'StartSessionRequested',
    );
    const p = event.payload as {
      sessionId: string;
      connector: object;
      limitInclVat: object;
      timeZone: string;
      tariff: { id: string };
      ptp: object;
      ocpiVersion: string;
    };
    sessionId = p.sessionId;
    expect(p.connector).toEqual({
      locationId: 'LOC-001',
      evseUid: 'LOC-001-EVSE-01',
      connectorId: '1',
      stationId: 'CP-16-001',
      ocppEvseId: 1,
      ocppConnectorId: 1,
    });
    expect(p.limitInclVat).toEqual({ amount: '30.00', currency: 'EUR' });
    expect(p.timeZone).toBe('Europe/Amsterdam');
    expect(p.tariff.id).toBe('ADHOC-EUR');
    expect(p.ptp).toEqual({ countryCode: 'DE', partyId: 'PTP' });
    expect(p.ocpiVersion).toBe('2.3.0');
  });

  it('a duplicate START_SESSION (same authorization_reference) is idempotent', async () => {
    const again = await ptp.startSession(
      { locationId: 'LOC-001', evseUid: 'LOC-001-EVSE-01', connectorId: '1' },
      ref,
    );
    expect(again.response.result).toBe('ACCEPTED');
    await new Promise((r) => setTimeout(r, 500));
    const events = h.recorded.filter(
      (e) => e.type === 'StartSessionRequested' && e.authorizationReference === ref,
    );
    expect(new Set(events.map((e) => e.eventId)).size).toBe(1);
    expect(new Set(events.map((e) => (e.payload as { sessionId: string }).sessionId))).toEqual(
      new Set([sessionId]),
    );
  });

  it.each([
    ['unknown location -> 2003', { location_id: 'NOPE' }, 2003, undefined],
    ['unknown EVSE -> REJECTED', { evse_uid: 'NOPE' }, 1000, 'REJECTED'],
    ['out-of-order EVSE -> REJECTED', { evse_uid: 'LOC-001-EVSE-03' }, 1000, 'REJECTED'],
    [
      'foreign token -> REJECTED',
      { token: { country_code: 'NL', party_id: 'XYZ', uid: 'u', type: 'AD_HOC_USER', contract_id: 'c' } },
      1000,
      'REJECTED',
    ],
    ['reference too long -> 2001', { authorization_reference: 'r'.repeat(37) }, 2001, undefined],
  ])('%s', async (_name, override, status, result) => {
    const body = {
      response_url: `${ptp.versionsUrl}/x`,
      token: { country_code: 'DE', party_id: 'PTP', uid: 'u-2', type: 'AD_HOC_USER', contract_id: 'c-2' },
      location_id: 'LOC-001',
      evse_uid: 'LOC-001-EVSE-02',
      connector_id: '1',
      authorization_reference: `ref-${Math.random().toString(36).slice(2)}`,
      ...override,
    };
    const res = await ptp.call('POST', `${ptp.endpoint('commands')}/START_SESSION`, body);
    expect(res.httpStatus).toBe(200);
    expect(res.body?.status_code).toBe(status);
    if (result) expect(envelopeOf(CommandResponse).parse(res.body).data?.result).toBe(result);
    if (status === 2001)
      expect(res.body?.status_message).toContain('authorization_reference: at most 36 characters');
  });

  it('posts the CommandResult to response_url, PUTs then PATCHes the session, POSTs the CDR once', async () => {
    const startUrl = `start-${ref}`;
    await h.publish(EVENTS.CommandResultReady, {
      sessionId,
      authorizationReference: ref,
      ptp: { countryCode: 'DE', partyId: 'PTP' },
      command: 'START_SESSION',
      result: 'ACCEPTED',
      responseUrl: `${ptp.versionsUrl.replace('/versions', '/2.3.0/commands')}/${startUrl}`,
      readyAt: '2026-01-02T10:00:01Z',
    });
    await ptp.waitFor(() => ptp.inbox.commandResults.get(startUrl), 20_000, 'CommandResult');
    expect(ptp.inbox.commandResults.get(startUrl)).toEqual([{ result: 'ACCEPTED' }]);

    await h.publish(EVENTS.SessionStarted, snapshot({ sessionId, authorizationReference: ref }));
    await h.publish(
      EVENTS.SessionUpdated,
      snapshot({
        sessionId,
        authorizationReference: ref,
        energyWh: 5000,
        cost: { exclVat: '2.00', inclVat: '2.42', currency: 'EUR' },
        lastUpdated: '2026-01-02T10:10:00.000Z',
      }),
    );
    await h.publish(EVENTS.SessionCompleted, {
      ...snapshot({
        sessionId,
        authorizationReference: ref,
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        energyWh: 10000,
        cost: { exclVat: '4.00', inclVat: '4.84', currency: 'EUR' },
        endedAt: '2026-01-02T10:20:00.000Z',
        lastUpdated: '2026-01-02T10:20:00.000Z',
      }),
      tariff: {},
      timeZone: 'Europe/Amsterdam',
      samples: [],
      flaggedForReconciliation: false,
      endedAt: '2026-01-02T10:20:00.000Z',
    });
    const done = await ptp.waitFor(
      () => ptp.sessionByReference(ref)?.status === 'COMPLETED' && ptp.sessionByReference(ref),
      20_000,
      'completed session',
    );
    expect(Session230.safeParse(done).success).toBe(true);
    expect(done).toEqual(
      expect.objectContaining({
        id: sessionId,
        kwh: 10,
        auth_method: 'COMMAND',
        authorization_reference: ref,
        total_cost: toVersionPrice('2.3.0', { exclVat: '4.00', inclVat: '4.84' }),
        country_code: 'NL',
        party_id: 'TPC',
      }),
    );
    expect(ptp.inbox.sessionCalls.filter((c) => c.id === sessionId)[0]?.method).toBe('PUT');

    const cdr = Cdr230.parse({
      country_code: 'NL',
      party_id: 'TPC',
      id: `CDR-${sessionId.slice(0, 30)}`,
      start_date_time: '2026-01-02T10:00:00Z',
      end_date_time: '2026-01-02T10:20:00Z',
      session_id: sessionId,
      cdr_token: { country_code: 'DE', party_id: 'PTP', uid: 'u-1', type: 'AD_HOC_USER', contract_id: 'c-1' },
      auth_method: 'COMMAND',
      authorization_reference: ref,
      cdr_location: {
        id: 'LOC-001',
        address: 'Stationsplein 1',
        city: 'Amsterdam',
        country: 'NLD',
        coordinates: { latitude: '52.378900', longitude: '4.900300' },
        evse_uid: 'LOC-001-EVSE-01',
        evse_id: 'NL*TPC*E001001',
        connector_id: '1',
        connector_standard: 'IEC_62196_T2',
        connector_format: 'SOCKET',
        connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR',
      charging_periods: [
        {
          start_date_time: '2026-01-02T10:00:00Z',
          dimensions: [{ type: 'ENERGY', volume: 10 }],
          tariff_id: 'ADHOC-EUR',
        },
      ],
      total_cost: { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.84 }] },
      total_energy: 10,
      total_time: 0.3333,
      invoice_reference_id: ref,
      last_updated: '2026-01-02T10:20:01Z',
    });
    const cdrPayload = {
      cdrId: cdr.id,
      sessionId,
      authorizationReference: ref,
      ptp: { countryCode: 'DE', partyId: 'PTP' },
      ocpiVersion: '2.3.0' as const,
      cdr,
      total: { exclVat: '4.00', inclVat: '4.84', currency: 'EUR' },
      limitInclVat: { amount: '30.00', currency: 'EUR' },
      createdAt: '2026-01-02T10:20:01Z',
    };
    await h.publish(EVENTS.CdrCreated, cdrPayload);
    // billing re-emitting the same CDR (new event id) must not make a second CDR at the PTP
    await h.publish(EVENTS.CdrCreated, cdrPayload, 'replay');
    await ptp.waitFor(() => ptp.inbox.cdrs.find((c) => c.id === cdr.id), 20_000, 'CDR');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ptp.inbox.cdrs.filter((c) => c.id === cdr.id)).toHaveLength(1);
    expect(ptp.inbox.violations).toEqual([]);

    const sessions = await ptp.call('GET', ptp.endpoint('sessions'));
    expect(
      envelopeOf(z.array(Session230))
        .parse(sessions.body)
        .data?.map((s) => s.id),
    ).toContain(sessionId);
    const cdrs = await ptp.call('GET', `${ptp.endpoint('cdrs')}?limit=10`);
    expect(
      envelopeOf(z.array(Cdr230))
        .parse(cdrs.body)
        .data?.map((c) => c.id),
    ).toEqual([cdr.id]);
    expect(cdrs.headers.get('x-total-count')).toBe('1');
  });

  it('STOP_SESSION: ACCEPTED for an active session of this PTP, UNKNOWN_SESSION otherwise', async () => {
    const started = await ptp.startSession({
      locationId: 'LOC-001',
      evseUid: 'LOC-001-EVSE-02',
      connectorId: '1',
    });
    const start = await h.waitForEvent(
      (e) =>
        e.type === 'StartSessionRequested' && e.authorizationReference === started.authorizationReference,
      'second start',
    );
    const id = (start.payload as { sessionId: string }).sessionId;
    expect((await ptp.stopSession(id)).result).toBe('ACCEPTED');
    const stop = await h.waitForEvent(
      (e) => e.type === 'StopSessionRequested' && (e.payload as { sessionId: string }).sessionId === id,
      'StopSessionRequested',
    );
    expect(stop.payload).toEqual(
      expect.objectContaining({ requestedBy: 'PTP', responseUrl: expect.stringContaining(`stop-${id}`) }),
    );
    expect(stop.authorizationReference).toBe(started.authorizationReference);
    expect((await ptp.stopSession('no-such-session')).result).toBe('UNKNOWN_SESSION');
    expect((await ptp.stopSession(sessionId)).result).toBe('REJECTED'); // completed above
  });

  it('answers NOT_SUPPORTED for commands we do not implement', async () => {
    const res = await ptp.call('POST', `${ptp.endpoint('commands')}/UNLOCK_CONNECTOR`, {
      response_url: 'http://x.test/r',
      location_id: 'LOC-001',
      evse_uid: 'E',
      connector_id: '1',
    });
    expect(envelopeOf(CommandResponse).parse(res.body).data?.result).toBe('NOT_SUPPORTED');
  });
});

describe('payments (2.3.0 receiver)', () => {
  it('a POSTed terminal is stored, announced, and answered with PUT (invoice settings) + PATCH (assignment)', async () => {
    const res = await ptp.registerTerminal('TERM-0001');
    expect(res.httpStatus).toBe(201);
    expect(envelopeOf(Terminal).safeParse(res.body).success).toBe(true);
    await h.waitForEvent((e) => e.type === 'TerminalRegistered', 'TerminalRegistered');
    await ptp.waitFor(
      () => ptp.inbox.terminalCalls.find((c) => c.method === 'PATCH'),
      20_000,
      'terminal PATCH',
    );
    const [put, patch] = ptp.inbox.terminalCalls;
    expect(put).toEqual(expect.objectContaining({ method: 'PUT', terminalId: 'TERM-0001' }));
    expect(put?.body).toEqual(
      expect.objectContaining({
        terminal_id: 'TERM-0001',
        invoice_base_url: 'http://receipts.test/invoices/',
        invoice_creator: 'CPO',
      }),
    );
    expect(patch?.body).toEqual(
      expect.objectContaining({ location_ids: ['LOC-001'], last_updated: expect.any(String) }),
    );
    expect(ptp.receiptUrl('pp-1')).toBe('http://receipts.test/invoices/pp-1');
    const got = await ptp.call('GET', `${ptp.endpoint('payments')}/terminals/TERM-0001`);
    expect(envelopeOf(Terminal).parse(got.body).data?.location_ids).toEqual(['LOC-001']);
    expect((await ptp.call('GET', `${ptp.endpoint('payments')}/terminals/NOPE`)).httpStatus).toBe(404);
  });

  it.each([
    ['2.2.1 Price shape (as the spec example)', '2.2.1' as const],
    ['2.3.0 Price shape', '2.3.0' as const],
  ])('a financial advice confirmation in the %s becomes PaymentConfirmed', async (_name, shape) => {
    const ref = `pp-fac-${shape}`;
    const res = await ptp.confirmPayment({
      authorizationReference: ref,
      amountExclVat: 4,
      amountInclVat: 4.4,
      currency: 'EUR',
      priceShape: shape,
    });
    expect(res.httpStatus).toBe(201);
    const fac = envelopeOf(FinancialAdviceConfirmation).parse(res.body).data;
    const event = await h.waitForEvent(
      (e) => e.type === 'PaymentConfirmed' && e.authorizationReference === ref,
      'PaymentConfirmed',
    );
    expect(event.payload).toEqual(
      expect.objectContaining({
        captured: { exclVat: '4', inclVat: '4.4', currency: 'EUR' },
        captureStatus: 'SUCCESS',
        eftData: expect.arrayContaining(['Mastercard']),
      }),
    );
    const again = await ptp.call('POST', `${ptp.endpoint('payments')}/financial-advice-confirmations`, fac);
    expect(again.httpStatus).toBe(200);
    const got = await ptp.call(
      'GET',
      `${ptp.endpoint('payments')}/financial-advice-confirmations/${fac?.id}`,
    );
    expect(got.body?.data).toEqual(fac);
  });

  it('a FAC with a bad capture status is 2001 naming the field', async () => {
    const res = await ptp.call('POST', `${ptp.endpoint('payments')}/financial-advice-confirmations`, {
      id: 'f',
      authorization_reference: 'r',
      total_costs: { excl_vat: 1 },
      currency: 'EUR',
      capture_status_code: 'MAYBE',
      last_updated: '2026-01-01T00:00:00',
    });
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/capture_status_code/);
  });
});

describe('push durability', () => {
  it('a CDR pushed while the PTP is down is retried with backoff and delivered once it is back', async () => {
    const sessionId = 'durable-session-1';
    ptp.setOutage(true);
    const cdr = {
      ...ptp.inbox.cdrs[0]!,
      id: 'CDR-DURABLE-1',
      session_id: sessionId,
      authorization_reference: 'pp-durable',
    };
    await h.publish(EVENTS.CdrCreated, {
      cdrId: cdr.id,
      sessionId,
      authorizationReference: 'pp-durable',
      ptp: { countryCode: 'DE', partyId: 'PTP' },
      ocpiVersion: '2.3.0',
      cdr: cdr as unknown as Record<string, unknown>,
      total: { exclVat: '4.00', inclVat: '4.84', currency: 'EUR' },
      limitInclVat: { amount: '30.00', currency: 'EUR' },
      createdAt: '2026-01-02T11:00:00Z',
    });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(ptp.inbox.cdrs.find((c) => c.id === cdr.id)).toBeUndefined();
    ptp.setOutage(false);
    await ptp.waitFor(() => ptp.inbox.cdrs.find((c) => c.id === cdr.id), 20_000, 'CDR after the outage');
    expect(ptp.inbox.cdrs.filter((c) => c.id === cdr.id)).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each([
    ['malformed JSON', '{"response_url":', 400, 2001],
    ['JSON of the wrong type', '[1,2,3]', 200, 2001],
  ])('%s -> HTTP %s, status %s', async (_name, body, http, status) => {
    const res = await fetch(`${ptp.endpoint('commands')}/START_SESSION`, {
      method: 'POST',
      headers: { authorization: encodeTokenHeader(ptp.cpoToken!), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(http);
    expect(((await res.json()) as { status_code: number }).status_code).toBe(status);
  });

  it('a method the path does not serve is 405 with Allow, and an OCPI body', async () => {
    const res = await fetch(ptp.endpoint('locations'), {
      method: 'PUT',
      headers: { authorization: encodeTokenHeader(ptp.cpoToken ?? '') },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual(expect.objectContaining({ status_code: 2000 }));
  });

  it.each([
    ['malformed percent-encoding', '/ocpi/2.3.0/locations/%E0%A4%A', 400, 2001],
    ['a path segment longer than any id', `/ocpi/2.3.0/locations/${'x'.repeat(200)}`, 404, 2000],
  ])('%s -> HTTP %s with an OCPI body', async (_name, path, http, status) => {
    const res = await fetch(`${h.gateway.url}${path}`, {
      headers: { authorization: encodeTokenHeader(ptp.cpoToken ?? '') },
    });
    expect(res.status).toBe(http);
    expect(await res.json()).toEqual(
      expect.objectContaining({ status_code: status, status_message: expect.any(String) }),
    );
  });

  it('reads a JSON body sent as text/plain (clients that do not set the content type)', async () => {
    const res = await fetch(`${ptp.endpoint('commands')}/STOP_SESSION`, {
      method: 'POST',
      headers: { authorization: encodeTokenHeader(ptp.cpoToken ?? ''), 'content-type': 'text/plain' },
      body: JSON.stringify({ response_url: 'http://127.0.0.1:9/r', session_id: 'no-such-session' }),
    });
    expect(res.status).toBe(200);
    expect(envelopeOf(CommandResponse).parse(await res.json()).data?.result).toBe('UNKNOWN_SESSION');
  });

  it('a request our event contracts cannot carry is 2001 naming the field, not a server error', async () => {
    const res = await ptp.call('POST', `${ptp.endpoint('commands')}/START_SESSION`, {
      response_url: `${ptp.versionsUrl}/x`,
      token: { country_code: 'DE', party_id: 'PTP', uid: 'u-9', type: 'T'.repeat(36), contract_id: 'c-9' },
      location_id: 'LOC-001',
      evse_uid: 'LOC-001-EVSE-04',
      connector_id: '1',
      authorization_reference: 'pp-contract-limits',
    });
    expect(res.httpStatus).toBe(200);
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/token\.type/);
  });

  it('exports the Kafka consumer lag per partition in /metrics', async () => {
    const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(text).toMatch(
      new RegExp(`^kafka_consumer_lag\\{partition="${h.namespace}[^"]*tariff[^"]*/\\d+"\\} \\d+$`, 'm'),
    );
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await fetch(`${h.gateway.url}/ocpi/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/ocpi/2.3.0/commands/START_SESSION',
        '/ocpi/2.3.0/payments/financial-advice-confirmations',
      ]),
    );
  });

  it('DELETE credentials unregisters: the token stops working', async () => {
    const other = await h.registeredPtp({ countryCode: 'BE', partyId: 'TRM', role: 'PTP', version: '2.2.1' });
    const loc221 = await other.call('GET', other.endpoint('locations'));
    expect(loc221.httpStatus).toBe(200);
    expect((loc221.body?.data as Array<Record<string, unknown>>)[0]).not.toHaveProperty('help_phone');
    expect((await other.call('DELETE', other.endpoint('credentials'))).body?.status_code).toBe(1000);
    expect((await other.call('GET', other.endpoint('locations'))).httpStatus).toBe(401);
  });
});
