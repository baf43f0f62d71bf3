import { aSessionCompleted, CPO, demoTariff, DEMO_LOCATION, DEMO_TARIFFS } from '../../../test/builders';
import { BillingError } from '../billing.errors';
import { buildCdr, type BuildCdrInput } from './cdr-builder';
import { cdrIdOf } from './cdr-id';

const NOW = new Date('2026-03-10T12:00:00Z');
const build = (overrides: Parameters<typeof aSessionCompleted>[0] = {}, ctx: Partial<BuildCdrInput> = {}) =>
  buildCdr({
    session: aSessionCompleted(overrides),
    cpo: CPO,
    location: DEMO_LOCATION,
    locationKnown: true,
    invoiceCreator: 'CPO',
    now: NOW,
    ...ctx,
  });

describe('buildCdr (OCPI cdrs module, priced by libs/tariff-engine)', () => {
  // 60 min at 10.8 kW = 10.8 kWh on a Tuesday 11:00-12:00 Amsterdam; amounts worked out by hand.
  it.each([
    {
      name: 'per-kWh tariff, 2.2.1 Price {excl_vat, incl_vat}',
      tariff: 'simple' as const,
      version: '2.2.1' as const,
      total: { excl_vat: 5.2661, incl_vat: 6.372 }, // 10.8 x 0.4876 = 5.26608; x 1.21 = 6.3719568
    },
    {
      name: 'per-kWh tariff, 2.3.0 Price {before_taxes, taxes[]}',
      tariff: 'simple' as const,
      version: '2.3.0' as const,
      total: { before_taxes: 5.2661, taxes: [{ name: 'VAT', percentage: 21, amount: 1.1059 }] },
    },
    {
      name: 'FLAT + energy with step_size 500 Wh (10.8 kWh billed as 11.0)',
      tariff: 'flatStep' as const,
      version: '2.2.1' as const,
      total: { excl_vat: 5.3225, incl_vat: 6.4402 }, // 0.4132 + 11 x 0.4463 = 5.3225; x 1.21 = 6.440225
    },
    {
      name: '2.3.0 tax-included tariff with pre-authorisation',
      tariff: 'preauth230' as const,
      version: '2.3.0' as const,
      total: { before_taxes: 6.0909, taxes: [{ name: 'VAT', percentage: 21, amount: 1.2791 }] }, // 0.35 + 10.8 x 0.65 = 7.37 gross
    },
  ])('$name', ({ tariff, version, total }) => {
    const { cdr, summary, capped } = build({ tariff: demoTariff(tariff), ocpiVersion: version });
    expect(capped).toBe(false);
    expect(cdr['total_cost']).toEqual(total);
    expect(cdr['total_energy']).toBe(10.8);
    expect(cdr['total_time']).toBe(1);
    expect(summary.total).toEqual(summary.pricedTotal);
    expect(cdr['currency']).toBe('EUR');
    expect((cdr['tariffs'] as Array<{ id: string }>)[0]?.id).toBe((demoTariff(tariff) as { id: string }).id);
    expect(DEMO_TARIFFS[tariff]).toBeDefined();
  });

  it('carries the session identity: our party, derived id, COMMAND auth, the PTP token, authorization_reference', () => {
    const s = aSessionCompleted();
    const { cdr } = build();
    expect(cdr).toMatchObject({
      country_code: 'NL',
      party_id: 'TPC',
      id: cdrIdOf(s.sessionId),
      session_id: s.sessionId,
      auth_method: 'COMMAND',
      cdr_token: s.token,
      authorization_reference: s.authorizationReference,
      cdr_location: DEMO_LOCATION,
      start_date_time: '2026-03-10T10:00:00Z',
      end_date_time: '2026-03-10T11:00:00Z',
      last_updated: '2026-03-10T12:00:00Z',
    });
    expect(cdrIdOf(s.sessionId)).toMatch(/^CDR-[0-9A-F]{32}$/);
    expect(cdrIdOf(s.sessionId)).toBe(cdrIdOf(s.sessionId));
    expect(cdrIdOf('S-2')).not.toBe(cdrIdOf(s.sessionId));
  });

  it.each([
    ['CPO', 'pp-bill-1'],
    ['PTP', undefined],
  ] as const)(
    'invoice_reference_id when the invoice creator is %s (OCPI payments 1.5)',
    (creator, expected) => {
      expect(build({}, { invoiceCreator: creator }).cdr['invoice_reference_id']).toBe(expected);
    },
  );

  it.each([
    { limit: '50.00', capped: false, incl: 6.372, excl: 5.2661, tax: 1.1059 },
    { limit: '6.38', capped: false, incl: 6.372, excl: 5.2661, tax: 1.1059 },
    { limit: '6.37', capped: true, incl: 6.37, excl: 5.2644, tax: 1.1056 },
    { limit: '5.00', capped: true, incl: 5, excl: 4.1322, tax: 0.8678 },
  ])(
    'never above the authorised amount: limit $limit -> capped $capped, total $incl',
    ({ limit, capped, incl, excl, tax }) => {
      const r = build({ limitInclVat: { amount: limit, currency: 'EUR' }, ocpiVersion: '2.3.0' });
      expect(r.capped).toBe(capped);
      expect(r.cdr['total_cost']).toEqual({
        before_taxes: excl,
        taxes: [{ name: 'VAT', percentage: 21, amount: tax }],
      });
      expect(Number(r.summary.total.inclVat)).toBe(incl);
      expect(Number(r.summary.total.inclVat)).toBeLessThanOrEqual(Number(limit));
      expect(r.summary.pricedTotal.inclVat).toBe('6.3720');
      if (capped)
        expect(r.cdr['remark']).toMatch(new RegExp(`capped at the authorised EUR ${limit} incl. VAT`));
      else expect(r.cdr['remark']).toBeUndefined();
    },
  );

  it('charging periods per dimension: energy + time while charging, parking after (time-of-day tariff, day rates)', () => {
    const { cdr } = build({
      tariff: demoTariff('timeOfDay'),
      charge: { start: '2026-03-10T10:00:00Z', minutes: 60, powerW: 10_800, idleMinutes: 30 },
    });
    const periods = cdr['charging_periods'] as Array<{
      start_date_time: string;
      dimensions: Array<{ type: string; volume: number }>;
      tariff_id: string;
    }>;
    const volume = (i: number, type: string) => periods[i]?.dimensions.find((d) => d.type === type)?.volume;
    expect(periods.map((p) => p.start_date_time)).toEqual(['2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z']);
    expect([volume(0, 'ENERGY'), volume(0, 'TIME'), volume(1, 'PARKING_TIME')]).toEqual([10.8, 1, 0.5]);
    expect(periods.every((p) => p.tariff_id === 'DEMO-KWH-TIME-PARKING')).toBe(true);
    // 10.8 x 0.57 + 1 h x 1.00 + 0.5 h x 6.00 = 10.156 excl.; x 1.21 = 12.28876
    expect(cdr['total_cost']).toEqual({ excl_vat: 10.156, incl_vat: 12.2888 });
    expect(cdr['total_energy_cost']).toEqual({ excl_vat: 6.156, incl_vat: 7.4488 });
    expect(cdr['total_time_cost']).toEqual({ excl_vat: 1, incl_vat: 1.21 });
    expect(cdr['total_parking_cost']).toEqual({ excl_vat: 3, incl_vat: 3.63 });
    expect(cdr['total_parking_time']).toBe(0.5);
    expect(cdr['total_time']).toBe(1.5);
  });

  it('a period boundary at 23:00 local starts a new period at night rates', () => {
    const { cdr } = build({
      tariff: demoTariff('timeOfDay'),
      charge: { start: '2026-03-10T21:30:00Z', minutes: 60, powerW: 10_800 }, // 22:30-23:30 local
    });
    const periods = cdr['charging_periods'] as Array<{ start_date_time: string }>;
    expect(periods.map((p) => p.start_date_time)).toEqual(['2026-03-10T21:30:00Z', '2026-03-10T22:00:00Z']);
    // 5.4 kWh x 0.57 + 0.5 h x 1.00 by day, 5.4 kWh x 0.40 at night = 5.738 excl.
    expect(cdr['total_cost']).toEqual({ excl_vat: 5.738, incl_vat: 6.943 });
  });

  it('a session without meter data gets one empty period and costs nothing', () => {
    const { cdr, summary } = build({ samples: [] });
    expect(cdr['charging_periods']).toEqual([
      {
        start_date_time: '2026-03-10T10:00:00Z',
        dimensions: [{ type: 'ENERGY', volume: 0 }],
        tariff_id: 'DEMO-SIMPLE-KWH',
      },
    ]);
    expect(cdr['total_cost']).toEqual({ excl_vat: 0, incl_vat: 0 });
    expect(cdr['remark']).toMatch(/No meter data/);
    expect(summary.dimensions).toEqual([]);
  });

  it.each([
    [
      'a tariff in another currency',
      { limitInclVat: { amount: '50.00', currency: 'USD' } },
      'BILLING.CURRENCY_MISMATCH',
    ],
    ['an invalid tariff', { tariff: { id: 'broken' } }, 'BILLING.TARIFF_INVALID'],
  ])('rejects %s with a coded error', (_name, overrides, code) => {
    let caught: unknown;
    try {
      build(overrides as Parameters<typeof aSessionCompleted>[0]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BillingError);
    expect((caught as BillingError).code).toBe(code);
  });

  it('an unknown location still yields a valid CDR, flagged in the remark', () => {
    const { cdr } = build({}, { locationKnown: false });
    expect(cdr['remark']).toMatch(/Location details unavailable/);
  });
});
