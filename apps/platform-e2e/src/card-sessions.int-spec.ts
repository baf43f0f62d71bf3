import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { parsePowerCurve, SimulatedStation } from '@tapcharge/station-simulator';
import { REPO_ROOT, uniqueNamespace, waitFor } from '@tapcharge/testing';
import Decimal from 'decimal.js';
import { ADMIN_TOKEN, Platform } from './platform';

interface SeedStation {
  stationId: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  password: string;
  connectors: Array<{ ocppEvseId: number; evseUid: string }>;
}
const SEED = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/seed/stations.json'), 'utf8')) as {
    stations: SeedStation[];
  }
).stations;

/**
 * The seed's card-session paths end to end over the real processes (six services, real Kafka and FerretDB),
 * a simulated PTP speaking OCPI and simulated chargers speaking OCPP: every charged session ends with exactly
 * one CDR and one invoice, nothing lost, nothing charged twice.
 */
describe('card sessions end to end (apps/platform-e2e)', () => {
  const platform = new Platform(uniqueNamespace('e2e'), {
    START_TIMEOUT_S: '10',
    CARD_METER_INTERVAL_S: '2',
    UPDATE_INTERVAL_S: '2',
  });
  const ptp = new PtpSimulator({
    countryCode: 'DE',
    partyId: 'PTP',
    role: 'OTHER',
    version: '2.3.0',
    log: () => undefined,
  });
  const stations: SimulatedStation[] = [];

  async function station(
    id: string,
    opts: Partial<ConstructorParameters<typeof SimulatedStation>[0]> = {},
  ): Promise<SimulatedStation> {
    const seed = SEED.find((s) => s.stationId === id);
    if (!seed) throw new Error(`${id} not in the seed`);
    const s = new SimulatedStation({
      id,
      protocol: seed.protocol,
      url: platform.ocppUrl,
      password: seed.password,
      connectors: seed.connectors.length,
      meterIntervalSeconds: 2,
      powerCurve: parsePowerCurve('constant:22'),
      stopLatencyMs: 500,
      ...opts,
    });
    await s.start();
    stations.push(s);
    return s;
  }

  async function start(evseUid: string) {
    const { authorizationReference, response } = await ptp.startSession({
      locationId: 'LOC-001',
      evseUid,
      connectorId: '1',
    });
    expect(response.result).toBe('ACCEPTED');
    const result = await ptp.waitFor(
      () => ptp.inbox.commandResults.get(`start-${authorizationReference}`)?.[0],
      60_000,
      `CommandResult of ${authorizationReference}`,
    );
    return { ref: authorizationReference, result: result.result as string };
  }

  const session = (ref: string) => ptp.sessionByReference(ref);
  const cdrsOf = (ref: string) => ptp.inbox.cdrs.filter((c) => c.authorization_reference === ref);

  /** After a charged session: one CDR within the limit, the payment confirmed, one invoice, the receipt served. */
  async function settle(ref: string, limitInclVat?: string) {
    const cdr = await ptp.waitFor(() => cdrsOf(ref)[0], 90_000, `the CDR of ${ref}`);
    const total = cdr.total_cost as {
      before_taxes?: number;
      taxes?: Array<{ amount: number }>;
      excl_vat?: number;
      incl_vat?: number;
    };
    const incl =
      total.before_taxes !== undefined
        ? (total.taxes ?? []).reduce(
            (sum, t) => sum.add(new Decimal(String(t.amount))),
            new Decimal(String(total.before_taxes)),
          )
        : new Decimal(String(total.incl_vat ?? total.excl_vat ?? 0));
    if (limitInclVat) expect(incl.lte(limitInclVat)).toBe(true);
    const fac = await ptp.confirmPayment({
      authorizationReference: ref,
      amountExclVat: Number(total.before_taxes ?? total.excl_vat ?? 0),
      amountInclVat: incl.toDecimalPlaces(2).toNumber(),
      currency: cdr.currency,
    });
    expect(fac.httpStatus).toBeLessThan(300);
    const invoice = await waitFor(
      async () => {
        const r = await fetch(
          `${platform.url('billing-cdr-service')}/admin/invoices/${encodeURIComponent(ref)}`,
          { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
        );
        return r.ok ? ((await r.json()) as unknown) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: `the invoice of ${ref}` },
    );
    expect(JSON.stringify(invoice)).toContain('INV');
    const receiptUrl = ptp.receiptUrl(ref);
    expect(receiptUrl).toBe(`${platform.url('receipt-service')}/receipts/${ref}`);
    const page = await waitFor(
      async () => {
        const r = await fetch(`${receiptUrl}/invoice.pdf`);
        return r.ok ? r : undefined;
      },
      { timeoutMs: 60_000, description: 'the invoice PDF behind the receipt URL' },
    );
    expect(page.headers.get('content-type')).toContain('pdf');
    // Nothing charged twice: still exactly one CDR after the dust settles.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(cdrsOf(ref)).toHaveLength(1);
    return { cdr, incl };
  }

  beforeAll(async () => {
    await platform.start();
    await ptp.start();
    const res = await fetch(`${platform.url('ocpi-gateway')}/admin/peers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e PTP' }),
    });
    const tokenA = ((await res.json()) as { data: { token_a: string } }).data.token_a;
    await ptp.register(platform.ocpiVersionsUrl, tokenA);
    const terminal = await ptp.registerTerminal();
    expect(terminal.httpStatus).toBeLessThan(300);
    await ptp.waitFor(() => ptp.receiptUrl('probe'), 30_000, 'invoice_base_url on the terminal');
    // The tariffs reach the OCPI gateway through Kafka: wait until the demo connectors carry them.
    await ptp.waitFor(
      async () =>
        (await ptp.listLocations())[0]?.evses?.every((e) =>
          e.connectors.every((c) => (c.tariff_ids ?? []).length > 0),
        ),
      60_000,
      'tariffs on every connector',
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(stations.map((s) => s.shutdown().catch(() => undefined)));
    await ptp.stop();
    await platform.stop();
  }, 60_000);

  it('stop at the paid limit: the CPO stops before the EUR 3.00 pre-authorisation is reached (2.0.1, 350 kW)', async () => {
    await station('CS-201-001', { powerCurve: parsePowerCurve('constant:350') });
    const { ref, result } = await start('LOC-001-EVSE-05');
    expect(result).toBe('ACCEPTED');
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 180_000, 'the session to end at the limit');
    const { incl } = await settle(ref, '3.00');
    expect(incl.gt('2.00')).toBe(true); // and not absurdly early
  }, 300_000);

  it('stop from the terminal: STOP_SESSION (1.6)', async () => {
    await station('CP-16-001');
    const { ref } = await start('LOC-001-EVSE-01');
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.01, 60_000, 'energy flowing');
    const sessionId = session(ref)!.id;
    const stop = await ptp.stopSession(sessionId);
    expect(stop.result).toBe('ACCEPTED');
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 60_000, 'COMPLETED');
    await settle(ref);
  }, 180_000);

  it('stop by the car: the charger ends the transaction (EVDisconnected)', async () => {
    const cp = await station('CP-16-002');
    const { ref } = await start('LOC-001-EVSE-03');
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.01, 60_000, 'energy flowing');
    await cp.stopTransaction(1, 'EVDisconnected');
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 60_000, 'COMPLETED');
    await settle(ref);
  }, 180_000);

  it('the charger rejects the start: CommandResult REJECTED, no CDR', async () => {
    await station('CS-201-002', { acceptRemoteStart: false });
    const { ref, result } = await start('LOC-001-EVSE-06');
    expect(result).toBe('REJECTED');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(cdrsOf(ref)).toHaveLength(0);
  }, 120_000);

  it('start timeout: the charger accepts but never starts -> CommandResult TIMEOUT, no CDR', async () => {
    await stations.find((s) => s.id === 'CS-201-002')?.shutdown();
    await station('CS-201-002', { startLatencyMs: 600_000 });
    const { ref, result } = await start('LOC-001-EVSE-06');
    expect(result).toBe('TIMEOUT');
    expect(cdrsOf(ref)).toHaveLength(0);
  }, 120_000);

  it('the session engine is killed and restarted mid-session: the session still ends once, one CDR, one invoice', async () => {
    const { ref } = await start('LOC-001-EVSE-04'); // CS-201-001 is still connected (350 kW)
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.1, 60_000, 'energy flowing');
    await platform.restart('session-engine');
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.5, 60_000, 'progress after the restart');
    const stop = await ptp.stopSession(session(ref)!.id);
    expect(stop.result).toBe('ACCEPTED');
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 90_000, 'COMPLETED');
    await settle(ref);
  }, 300_000);

  it('the charger goes offline mid-session and replays its queued messages after reconnecting', async () => {
    const cp = stations.find((s) => s.id === 'CP-16-002')!;
    const { ref } = await start('LOC-001-EVSE-03');
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.005, 60_000, 'energy flowing');
    cp.goOffline();
    await new Promise((r) => setTimeout(r, 5_000));
    await cp.stopTransaction(1, 'EVDisconnected'); // queued while offline
    await cp.goOnline();
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 90_000, 'COMPLETED after the replay');
    await settle(ref);
  }, 240_000);

  it('billing and the OCPI gateway are killed and restarted between sessions: still exactly one CDR and invoice each', async () => {
    const { ref } = await start('LOC-001-EVSE-01');
    await ptp.waitFor(() => (session(ref)?.kwh ?? 0) > 0.005, 60_000, 'energy flowing');
    await platform.restart('billing-cdr-service');
    await ptp.stopSession(session(ref)!.id);
    await platform.restart('ocpi-gateway');
    await ptp.waitFor(() => session(ref)?.status === 'COMPLETED', 120_000, 'COMPLETED');
    await settle(ref);
  }, 300_000);
});
