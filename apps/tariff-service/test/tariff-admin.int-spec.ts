import type { TariffChangedPayload } from '@tapcharge/contracts';
import { waitFor } from '@tapcharge/testing';
import { demoTariff, withFirstPrice } from './demo-tariffs';
import { ADMIN_TOKEN, TariffServiceHarness, TEST_SEED_ASSIGNMENTS } from './tariff-service.harness';

interface View {
  id: string;
  ocpiVersion: string;
  tariff: { elements: { price_components: { price: number }[] }[]; last_updated: string } | null;
  appliesTo: string[];
  lastUpdated: string;
  changed?: boolean;
}
interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const price = (v: { tariff: View['tariff'] | Record<string, unknown> | null }) =>
  (v.tariff as View['tariff'])?.elements[0]?.price_components[0]?.price;

/** A fresh tariff id per test, based on a demo tariff. */
const aTariff = (id: string, p = 0.3) => ({ ...withFirstPrice(demoTariff('simple-per-kwh'), p), id });

describe('tariff-service admin API over HTTP, TariffChanged on real Kafka, tariffs in real FerretDB', () => {
  const h = new TariffServiceHarness();

  beforeAll(async () => {
    await h.start(); // creates the topic the recorder subscribes to
    await h.startRecorder();
  });

  afterAll(async () => {
    await h.stop();
  });

  it('seeds the four demo tariffs at start and publishes each with the connectors it applies to', async () => {
    expect(h.service?.seed?.create).toHaveLength(4);
    for (const [id, appliesTo] of Object.entries(TEST_SEED_ASSIGNMENTS)) {
      const e = await h.waitForChange((p) => p.tariffId === id, `seed TariffChanged ${id}`);
      expect(e.payload).toMatchObject({ tariffId: id, countryCode: 'NL', partyId: 'TPC', appliesTo });
      expect(e.producer).toBe('tariff-service');
    }
    expect(h.changes('DEMO-PREAUTH-230')[0]).toMatchObject({
      ocpiVersion: '2.3.0',
      tariff: { preauthorize_amount: 50, max_price: { after_taxes: 50 }, tax_included: 'YES' },
    });
    const list = await h.http<{ tariffs: View[] }>('GET', '/admin/tariffs');
    expect(list.status).toBe(200);
    expect(list.body.tariffs.map((t) => t.id)).toEqual([
      'DEMO-FLAT-STEP',
      'DEMO-KWH-TIME-PARKING',
      'DEMO-PREAUTH-230',
      'DEMO-SIMPLE-KWH',
    ]);
  });

  it('creates with PUT (201), publishes, and treats the same content again as no change', async () => {
    const created = await h.http<View>('PUT', '/admin/tariffs/IT-CREATE', { body: aTariff('IT-CREATE') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'IT-CREATE',
      ocpiVersion: '2.2.1',
      appliesTo: [],
      changed: true,
    });
    const got = await h.http<View>('GET', '/admin/tariffs/IT-CREATE');
    expect(got.status).toBe(200);
    expect(got.body.tariff).toEqual(created.body.tariff);

    const same = await h.http<View>('PUT', '/admin/tariffs/IT-CREATE', {
      body: { ...aTariff('IT-CREATE'), last_updated: '2030-01-01T00:00:00Z' },
    });
    expect(same.status).toBe(200);
    expect(same.body.changed).toBe(false);
    expect(same.body.lastUpdated).toBe(created.body.lastUpdated);

    // Same key = same partition: once the assignment's event is seen, anything the no-op PUT sent would be too.
    const assigned = await h.http<View>('PUT', '/admin/tariffs/IT-CREATE/assignments', {
      body: { appliesTo: ['LOC-001/LOC-001-EVSE-02/1', 'LOC-001/LOC-001-EVSE-03/1'] },
    });
    expect(assigned.status).toBe(200);
    await h.waitForChange((p) => p.tariffId === 'IT-CREATE' && p.appliesTo.length === 2, 'assignment event');
    const changes = h.changes('IT-CREATE');
    expect(changes.map((c) => c.appliesTo)).toEqual([
      [],
      ['LOC-001/LOC-001-EVSE-02/1', 'LOC-001/LOC-001-EVSE-03/1'],
    ]);
    expect(changes[1]?.tariff).toEqual(created.body.tariff);
    expect(Date.parse(changes[1]?.lastUpdated ?? '')).toBeGreaterThan(
      Date.parse(changes[0]?.lastUpdated ?? ''),
    );
  });

  it('replaces with PUT (200), keeping the connectors, and publishes the new price', async () => {
    await h.http('PUT', '/admin/tariffs/IT-REPLACE', { body: aTariff('IT-REPLACE', 0.3) });
    await h.http('PUT', '/admin/tariffs/IT-REPLACE/assignments', {
      body: { appliesTo: ['LOC-001/LOC-001-EVSE-01/1'] },
    });
    const replaced = await h.http<View>('PUT', '/admin/tariffs/IT-REPLACE', {
      body: aTariff('IT-REPLACE', 0.45),
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ changed: true, appliesTo: ['LOC-001/LOC-001-EVSE-01/1'] });
    const e = await h.waitForChange(
      (p) => p.tariffId === 'IT-REPLACE' && price(p) === 0.45,
      'replacement TariffChanged',
    );
    expect((e.payload as TariffChangedPayload).appliesTo).toEqual(['LOC-001/LOC-001-EVSE-01/1']);
  });

  it('refuses an invalid tariff with 400 listing every bad field, and stores nothing', async () => {
    const body = {
      ...aTariff('IT-BAD'),
      id: 'SOMETHING-ELSE',
      currency: 'EURO',
      party_id: 'TOOLONG',
      elements: [{ price_components: [{ type: 'KWH', price: -1, step_size: 1.5 }] }],
    };
    const r = await h.http<ErrorBody>('PUT', '/admin/tariffs/IT-BAD', { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('TARIFF.INVALID');
    expect(r.body.error.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'id',
        'currency',
        'party_id',
        'elements[0].price_components[0].type',
        'elements[0].price_components[0].price',
        'elements[0].price_components[0].step_size',
      ]),
    );
    expect(r.body.error.message).toMatch(/currency/);
    expect((await h.http('GET', '/admin/tariffs/IT-BAD')).status).toBe(404);
  });

  it('validates assignments: 400 naming each bad entry, 404 for an unknown tariff', async () => {
    await h.http('PUT', '/admin/tariffs/IT-ASSIGN', { body: aTariff('IT-ASSIGN') });
    const bad = await h.http<ErrorBody>('PUT', '/admin/tariffs/IT-ASSIGN/assignments', {
      body: { appliesTo: ['LOC-001/LOC-001-EVSE-01/1', 'LOC-001/LOC-001-EVSE-01', 'a//b'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ASSIGNMENT.INVALID');
    expect(bad.body.error.issues?.map((i) => i.path)).toEqual(['appliesTo[1]', 'appliesTo[2]']);
    expect(
      (await h.http<ErrorBody>('PUT', '/admin/tariffs/IT-ASSIGN/assignments', { body: { appliesTo: [] } }))
        .status,
    ).toBe(400);
    expect(
      (await h.http<ErrorBody>('PUT', '/admin/tariffs/IT-ASSIGN/assignments', { body: ['x'] })).status,
    ).toBe(400);
    const unknown = await h.http<ErrorBody>('PUT', '/admin/tariffs/IT-NOPE/assignments', {
      body: { appliesTo: ['LOC-001/LOC-001-EVSE-01/1'] },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TARIFF.NOT_FOUND');
  });

  it('deletes (204) and publishes TariffChanged with tariff: null; the tariff is gone afterwards', async () => {
    await h.http('PUT', '/admin/tariffs/IT-DELETE', { body: aTariff('IT-DELETE') });
    await h.http('PUT', '/admin/tariffs/IT-DELETE/assignments', {
      body: { appliesTo: ['LOC-001/LOC-001-EVSE-06/1'] },
    });
    const del = await h.http('DELETE', '/admin/tariffs/IT-DELETE');
    expect(del.status).toBe(204);
    const e = await h.waitForChange((p) => p.tariffId === 'IT-DELETE' && p.tariff === null, 'deletion event');
    expect(e.payload).toMatchObject({ tariff: null, appliesTo: [], countryCode: 'NL', partyId: 'TPC' });
    expect((await h.http('GET', '/admin/tariffs/IT-DELETE')).status).toBe(404);
    expect((await h.http('DELETE', '/admin/tariffs/IT-DELETE')).status).toBe(404);
    expect((await h.http('GET', '/admin/tariffs/IT-DELETE/display')).status).toBe(404);
    const list = await h.http<{ tariffs: View[] }>('GET', '/admin/tariffs?limit=500');
    expect(list.body.tariffs.map((t) => t.id)).not.toContain('IT-DELETE');
    // re-created after a delete: a fresh tariff without the old connectors
    const again = await h.http<View>('PUT', '/admin/tariffs/IT-DELETE', { body: aTariff('IT-DELETE') });
    expect(again.status).toBe(201);
    expect(again.body.appliesTo).toEqual([]);
  });

  it('shows the terminal display price in the driver language', async () => {
    const nl = await h.http<{
      altText: { language: string };
      preauthorizeAmount: { amount: string };
      energy: { priceInclVat: string };
    }>('GET', '/admin/tariffs/DEMO-PREAUTH-230/display?locale=nl-NL');
    expect(nl.status).toBe(200);
    expect(nl.body.altText.language).toBe('nl');
    expect(nl.body.energy.priceInclVat).toBe('0.6500');
    expect(Number(nl.body.preauthorizeAmount.amount)).toBe(50);
    const night = await h.http<{ energy: { priceInclVat: string } }>(
      'GET',
      '/admin/tariffs/DEMO-KWH-TIME-PARKING/display?locale=en&timeZone=Europe/Amsterdam',
    );
    expect(night.status).toBe(200);
    // demo tariff: Mon-Sat 07:00-23:00 EUR 0.57 + 21% VAT, otherwise EUR 0.40 + 21% VAT
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date());
    const hour = Number(local.find((p) => p.type === 'hour')?.value);
    const day = local.find((p) => p.type === 'weekday')?.value !== 'Sun' && hour >= 7 && hour < 23;
    expect(night.body.energy.priceInclVat).toBe(day ? '0.6897' : '0.4840');
    const bad = await h.http<ErrorBody>(
      'GET',
      '/admin/tariffs/DEMO-PREAUTH-230/display?locale=%21%21&timeZone=Nowhere',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path)).toEqual(['locale', 'timeZone']);
  });

  it('refuses admin calls without the right bearer token; health, ready and metrics are open', async () => {
    for (const token of [null, 'wrong-token-0123456789', '']) {
      const r = await h.http<ErrorBody>('GET', '/admin/tariffs', { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH.UNAUTHORIZED');
    }
    const put = await h.http('PUT', '/admin/tariffs/IT-AUTH', { body: aTariff('IT-AUTH'), token: 'nope' });
    expect(put.status).toBe(401);
    expect((await h.http('GET', '/admin/tariffs/IT-AUTH')).status).toBe(404);
    const basic = await fetch(`${h.service?.url}/admin/tariffs`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    expect((await h.http('GET', '/health', { token: null })).status).toBe(200);
    expect(await h.http('GET', '/ready', { token: null })).toEqual({
      status: 200,
      body: { status: 'ready', checks: { store: true, kafka: true } },
    });
    const metrics = await h.http<string>('GET', '/metrics', { token: null });
    expect(metrics.body).toMatch(/tariff_changes_total\{kind="seed"\} 4/);
  });

  it('answers malformed requests with 4xx, never 5xx', async () => {
    const cases: [string, string, Parameters<TariffServiceHarness['http']>[2], number][] = [
      ['PUT', '/admin/tariffs/IT-X', { raw: '{"id": "IT-X",' }, 400],
      ['PUT', '/admin/tariffs/IT-X', { raw: '' }, 400],
      ['PUT', '/admin/tariffs/IT-X', { raw: 'null' }, 400],
      ['PUT', '/admin/tariffs/IT-X', { raw: '[1,2]' }, 400],
      ['PUT', '/admin/tariffs/IT-X', { raw: '"text"' }, 400],
      [
        'PUT',
        '/admin/tariffs/IT-X',
        { raw: 'id=IT-X', contentType: 'application/x-www-form-urlencoded' },
        400,
      ],
      ['PUT', '/admin/tariffs/IT-X', { raw: 'hello', contentType: 'text/plain' }, 400],
      ['PUT', '/admin/tariffs/IT-X', { raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) }, 413],
      ['PUT', `/admin/tariffs/${'L'.repeat(37)}`, { body: aTariff('L'.repeat(37)) }, 400],
      ['PUT', '/admin/tariffs/%C3%A9', { body: aTariff('é') }, 400],
      [
        'PUT',
        '/admin/tariffs/IT-X',
        { body: { ...aTariff('IT-X'), elements: 'none', energy_mix: { $bad: { 'a.b': 1 } } } },
        400,
      ],
      ['PUT', '/admin/tariffs/IT-X', { body: { ...aTariff('IT-X'), elements: [[[]]] } }, 400],
      ['PUT', '/admin/tariffs/IT-X/assignments', { raw: '{"appliesTo": [' }, 400],
      [
        'PUT',
        '/admin/tariffs/IT-X/assignments',
        { body: { appliesTo: [{ a: 1 }, null, 'x'.repeat(500)] } },
        400,
      ],
      ['GET', '/admin/tariffs?limit=0', {}, 400],
      ['GET', '/admin/tariffs?limit=abc&offset=-1', {}, 400],
      ['GET', '/admin/tariffs?limit=1&limit=2', {}, 400],
      ['GET', '/admin/tariffs/IT-X/display?locale=nl&locale=de', {}, 400],
      ['DELETE', '/admin/tariffs', {}, 404],
      ['POST', '/admin/tariffs/IT-X', { body: {} }, 404],
      ['GET', '/admin/tariffs/%E0%A4%A', {}, 400],
    ];
    const answers = [];
    for (const [method, path, opts] of cases) {
      const r = await h.http<Partial<ErrorBody>>(method, path, opts);
      answers.push({ method, path, status: r.status, code: typeof r.body?.error?.code });
    }
    expect(answers).toEqual(
      cases.map(([method, path, , status]) => ({ method, path, status, code: 'string' })),
    );
    // energy_mix is free-form in OCPI: odd keys are stored (as JSON text) without tripping the store
    const odd = await h.http<View>('PUT', '/admin/tariffs/IT-ODD', {
      body: { ...aTariff('IT-ODD'), energy_mix: { is_green_energy: true, $note: { 'a.b': 1 } } },
    });
    expect(odd.status).toBe(201);
    expect((await h.http('GET', '/admin/tariffs/IT-ODD')).status).toBe(200);
    expect((await h.http('GET', '/health', { token: null })).status).toBe(200);
  });

  it('serialises concurrent writers of one tariff: the stored state is the last one on the topic', async () => {
    await h.http('PUT', '/admin/tariffs/IT-RACE', { body: aTariff('IT-RACE', 0.1) });
    const prices = [0.21, 0.22, 0.23, 0.24, 0.25, 0.26];
    const results = await Promise.all(
      prices.map((p) => h.http<View>('PUT', '/admin/tariffs/IT-RACE', { body: aTariff('IT-RACE', p) })),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    const stored = await h.http<View>('GET', '/admin/tariffs/IT-RACE');
    await waitFor(() => h.changes('IT-RACE').at(-1)?.lastUpdated === stored.body.lastUpdated, {
      timeoutMs: 20_000,
      description: 'the stored state as the last TariffChanged of IT-RACE',
    });
    expect(h.changes('IT-RACE').at(-1)?.tariff).toEqual(stored.body.tariff);
    const times = h.changes('IT-RACE').map((c) => Date.parse(c.lastUpdated));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
