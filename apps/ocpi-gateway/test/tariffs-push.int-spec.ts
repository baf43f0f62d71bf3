import { EVENTS } from '@tapcharge/contracts';
import { Location221, Location230, Tariff221, Tariff230 } from '@tapcharge/ocpi';
import type { PtpSimulator } from '@tapcharge/ptp-simulator';
import { waitFor } from '@tapcharge/testing';
import { demoTariff, GatewayHarness } from './gateway-harness';

/**
 * mod_tariffs, CPO as Sender: TariffChanged -> PUT / DELETE on every registered PTP's tariffs receiver, in
 * the PTP's version shape, in order, retried through outages. Real Kafka, FerretDB and PTP HTTP servers.
 */
const h = new GatewayHarness();
let v230: PtpSimulator;
let v221: PtpSimulator;
let noTariffs: PtpSimulator;

beforeAll(async () => {
  await h.start();
  v230 = await h.registeredPtp({ countryCode: 'DE', partyId: 'PTA', version: '2.3.0' });
  v221 = await h.registeredPtp({ countryCode: 'BE', partyId: 'PTB', version: '2.2.1' });
  noTariffs = await h.registeredPtp({
    countryCode: 'FR',
    partyId: 'PTC',
    version: '2.3.0',
    receivers: ['locations'],
  });
}, 120_000);

afterAll(() => h.stop(), 60_000);

const TARIFF_URL = 'NL/TPC/PUSH-1';

function publishTariff(
  tariff: Record<string, unknown> | null,
  lastUpdated: string,
  appliesTo: string[] = [],
) {
  return h.publish(
    EVENTS.TariffChanged,
    {
      tariffId: 'PUSH-1',
      countryCode: 'NL',
      partyId: 'TPC',
      ocpiVersion: '2.3.0',
      tariff,
      appliesTo,
      lastUpdated,
    },
    `PUSH-1@${lastUpdated}`,
  );
}

const tariffV = (price: number, lastUpdated: string) => ({
  ...demoTariff(lastUpdated),
  id: 'PUSH-1',
  elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }],
});

const callsTo = (ptp: PtpSimulator) => ptp.inbox.tariffCalls.filter((c) => c.path === TARIFF_URL);

describe('tariff pushes (mod_tariffs receiver on the PTP)', () => {
  it('PUTs a new tariff to each PTP in its version shape', async () => {
    await publishTariff(tariffV(0.4, '2026-02-01T00:00:00Z'), '2026-02-01T00:00:00Z', [
      'LOC-001/LOC-001-EVSE-02/1',
    ]);
    const put230 = await v230.waitFor(() => callsTo(v230)[0], 30_000, '2.3.0 tariff PUT');
    const put221 = await v221.waitFor(() => callsTo(v221)[0], 30_000, '2.2.1 tariff PUT');
    expect(put230.method).toBe('PUT');
    const t230 = Tariff230.parse(put230.body);
    expect(t230).toEqual(
      expect.objectContaining({
        id: 'PUSH-1',
        tax_included: 'NO',
        preauthorize_amount: 30,
        max_price: { before_taxes: 33.06, after_taxes: 40 },
      }),
    );
    const t221 = Tariff221.parse(put221.body);
    expect(t221.max_price).toEqual({ excl_vat: 33.06, incl_vat: 40 });
    expect(put221.body).not.toHaveProperty('tax_included');
    expect(put221.body).not.toHaveProperty('preauthorize_amount');
    expect(v230.inbox.violations).toEqual([]);
    expect(v221.inbox.violations).toEqual([]);
  });

  it('pushes the Locations whose tariff_ids changed, in the PTP version shape', async () => {
    const location = await v230.waitFor(
      () =>
        v230.inbox.locations
          .get('NL/TPC/LOC-001')
          ?.evses?.find((e) => e.uid === 'LOC-001-EVSE-02')
          ?.connectors[0]?.tariff_ids?.includes('PUSH-1') && v230.inbox.locations.get('NL/TPC/LOC-001'),
      30_000,
      'Location PUT with the new tariff id',
    );
    expect(Location230.safeParse(location).success).toBe(true);
    const l221 = await v221.waitFor(
      () => v221.inbox.locations.get('NL/TPC/LOC-001'),
      30_000,
      '2.2.1 Location',
    );
    expect(Location221.safeParse(l221).success).toBe(true);
    expect(l221).not.toHaveProperty('help_phone');
  });

  it('sends a changed tariff and then its removal in order, retrying through an outage', async () => {
    await publishTariff(tariffV(0.45, '2026-02-02T00:00:00Z'), '2026-02-02T00:00:00Z');
    await v230.waitFor(() => callsTo(v230)[1], 30_000, 'second PUT');
    await v221.waitFor(() => callsTo(v221)[1], 30_000, 'second 2.2.1 PUT');
    expect(Tariff230.parse(callsTo(v230)[1]?.body).elements[0]?.price_components[0]?.price).toBe(0.45);

    v230.setOutage(true);
    await publishTariff(null, '2026-02-03T00:00:00Z');
    await v221.waitFor(() => callsTo(v221).find((c) => c.method === 'DELETE'), 30_000, '2.2.1 DELETE');
    await v230.waitFor(
      () => v230.inbox.refusedDuringOutage >= 2 || undefined,
      30_000,
      'retries during the outage',
    );
    v230.setOutage(false);
    await v230.waitFor(() => callsTo(v230)[2], 30_000, 'DELETE after the outage');

    expect(callsTo(v230).map((c) => c.method)).toEqual(['PUT', 'PUT', 'DELETE']);
    expect(callsTo(v221).map((c) => c.method)).toEqual(['PUT', 'PUT', 'DELETE']);
    expect(v230.inbox.tariffs.has(TARIFF_URL)).toBe(false);
    expect(callsTo(v230)[2]?.body).toBeUndefined();

    const served = await v230.call('GET', v230.endpoint('tariffs'));
    expect((served.body?.data as Array<{ id: string }>).map((t) => t.id)).not.toContain('PUSH-1');
  });

  it('queues nothing for a PTP without a tariffs receiver endpoint', async () => {
    // it takes Location pushes, so its queue drains to zero unless a tariff push (undeliverable to it) was queued
    await noTariffs.waitFor(() => noTariffs.inbox.locations.get('NL/TPC/LOC-001'), 30_000, 'Location PUT');
    await waitFor(
      async () => {
        const res = await fetch(`${h.gateway.url}/admin/peers`, { headers: h.adminHeaders });
        const peers = ((await res.json()) as { data: Array<{ party_id: string; pending_pushes: number }> })
          .data;
        return peers.find((p) => p.party_id === 'PTC')?.pending_pushes === 0;
      },
      { timeoutMs: 30_000, description: 'no pending pushes for the PTP without tariffs endpoint' },
    );
    expect(noTariffs.inbox.tariffCalls).toEqual([]);
  });
});
