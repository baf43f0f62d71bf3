import { FinancialAdviceConfirmation, nextPageUrl, ocpiResponseSchema, Terminal } from '@tapcharge/ocpi';
import type { PtpSimulator } from '@tapcharge/ptp-simulator';
import { waitFor } from '@tapcharge/testing';
import { z } from 'zod';
import { GatewayHarness } from './gateway-harness';

/**
 * Payments (2.3.0) beyond the basic receiver calls: paginated lists of terminals and financial advice
 * confirmations, terminal activation/deactivation towards the PTP, and every Price reading on input. Real
 * Kafka, FerretDB and PTP HTTP servers.
 */
const h = new GatewayHarness();
let ptp: PtpSimulator;
let other: PtpSimulator;

beforeAll(async () => {
  await h.start({}, { MAX_PAGE_SIZE: '50' });
  ptp = await h.registeredPtp({ countryCode: 'DE', partyId: 'PAY', version: '2.3.0' });
  other = await h.registeredPtp({ countryCode: 'AT', partyId: 'OTH', version: '2.3.0' });
}, 120_000);

afterAll(() => h.stop(), 60_000);

const terminals = z.array(Terminal);
const facs = z.array(FinancialAdviceConfirmation);

function fac(id: string, lastUpdated: string, totalCosts: unknown, extra: Record<string, unknown> = {}) {
  return {
    id,
    authorization_reference: `ref-${id}`,
    total_costs: totalCosts,
    currency: 'EUR',
    eft_data: ['Visa', 'Amount: EUR 4.40'],
    capture_status_code: 'SUCCESS',
    last_updated: lastUpdated,
    ...extra,
  };
}

describe('payments lists (paginated like locations)', () => {
  it('terminals: only the caller’s, oldest first, with X-Total-Count, X-Limit and a Link keeping the filters', async () => {
    for (const [i, stamp] of [
      '2026-03-01T00:00:00Z',
      '2026-03-02T00:00:00Z',
      '2026-03-03T00:00:00Z',
    ].entries())
      await ptp.call('POST', `${ptp.endpoint('payments')}/terminals`, {
        terminal_id: `PT-${i}`,
        last_updated: stamp,
      });
    await other.call('POST', `${other.endpoint('payments')}/terminals`, {
      terminal_id: 'OTHER-1',
      last_updated: '2026-03-01T12:00:00Z',
    });
    const url = `${ptp.endpoint('payments')}/terminals`;
    const first = await ptp.call('GET', `${url}?limit=2&date_from=2026-01-01T00:00:00Z`);
    expect(first.httpStatus).toBe(200);
    expect(
      ocpiResponseSchema(terminals)
        .parse(first.body)
        .data?.map((t) => t.terminal_id),
    ).toEqual(['PT-0', 'PT-1']);
    expect(first.headers.get('x-total-count')).toBe('3');
    expect(first.headers.get('x-limit')).toBe('50');
    const next = nextPageUrl(first.headers.get('link'));
    expect(next).toBe(`${url}?date_from=2026-01-01T00%3A00%3A00Z&offset=2&limit=2`);
    const second = await ptp.call('GET', next ?? '');
    expect(
      ocpiResponseSchema(terminals)
        .parse(second.body)
        .data?.map((t) => t.terminal_id),
    ).toEqual(['PT-2']);
    expect(second.headers.get('link')).toBeNull();

    const window = await ptp.call(
      'GET',
      `${url}?date_from=2026-03-02T00:00:00Z&date_to=2026-03-03T00:00:00Z`,
    );
    expect((window.body?.data as Array<{ terminal_id: string }>).map((t) => t.terminal_id)).toEqual(['PT-1']);
    expect(window.headers.get('x-total-count')).toBe('1');
  });

  it('financial advice confirmations: the caller’s, paginated, in the strict 2.3.0 shape', async () => {
    const url = `${ptp.endpoint('payments')}/financial-advice-confirmations`;
    await ptp.call('POST', url, fac('F-1', '2026-04-01T00:00:00Z', { excl_vat: 4, incl_vat: 4.4 }));
    await ptp.call(
      'POST',
      url,
      fac('F-2', '2026-04-02T00:00:00Z', { before_taxes: 1, taxes: [{ name: 'VAT', amount: 0.21 }] }),
    );
    await other.call(
      'POST',
      `${other.endpoint('payments')}/financial-advice-confirmations`,
      fac('F-X', '2026-04-01T00:00:00Z', { excl_vat: 1 }),
    );
    const page = await ptp.call('GET', `${url}?limit=1`);
    const items = ocpiResponseSchema(facs).parse(page.body).data;
    expect(items?.map((f) => f.id)).toEqual(['F-1']);
    expect(items?.[0]?.total_costs).toEqual({ before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4 }] });
    expect(page.headers.get('x-total-count')).toBe('2');
    expect(nextPageUrl(page.headers.get('link'))).toBe(`${url}?offset=1&limit=1`);
  });

  it('bad paging parameters are 2001', async () => {
    const res = await ptp.call('GET', `${ptp.endpoint('payments')}/terminals?limit=0`);
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/limit/);
  });
});

describe('both Price readings on input', () => {
  it.each([
    ['2.2.1 {excl_vat, incl_vat}', { excl_vat: 4, incl_vat: 4.4 }, { exclVat: '4', inclVat: '4.4' }],
    ['2.2.1 without incl_vat', { excl_vat: 4 }, { exclVat: '4', inclVat: '4' }],
    [
      '2.3.0 {before_taxes, taxes}',
      { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4, percentage: 10 }] },
      { exclVat: '4', inclVat: '4.4' },
    ],
    ['2.3.0 with after_taxes', { before_taxes: 4, after_taxes: 4.4 }, { exclVat: '4', inclVat: '4.4' }],
    ['2.3.0 without taxes', { before_taxes: 4 }, { exclVat: '4', inclVat: '4' }],
    [
      'amounts JSON writes with an exponent',
      { excl_vat: 1e-7, incl_vat: 1.21e-7 },
      { exclVat: '0.0000001', inclVat: '0.000000121' },
    ],
  ])('%s -> PaymentConfirmed with exact decimal strings', async (name, totalCosts, captured) => {
    const id = `P-${name.replace(/[^a-z0-9]+/gi, '-')}`.slice(0, 30);
    const res = await ptp.call(
      'POST',
      `${ptp.endpoint('payments')}/financial-advice-confirmations`,
      fac(id, '2026-05-01T00:00:00', totalCosts, { currency: 'eur' }),
    );
    expect(res.body?.status_message).toBeUndefined();
    expect(res.httpStatus).toBe(201);
    const stored = ocpiResponseSchema(FinancialAdviceConfirmation).parse(res.body).data;
    expect(stored?.currency).toBe('EUR');
    expect(stored?.last_updated).toBe('2026-05-01T00:00:00Z');
    const event = await h.waitForEvent(
      (e) => e.type === 'PaymentConfirmed' && (e.payload as { facId: string }).facId === id,
      'PaymentConfirmed',
    );
    expect((event.payload as { captured: unknown }).captured).toEqual({ ...captured, currency: 'EUR' });
  });

  it('a Price of neither shape is 2001 naming total_costs', async () => {
    const res = await ptp.call(
      'POST',
      `${ptp.endpoint('payments')}/financial-advice-confirmations`,
      fac('P-BAD', '2026-05-01T00:00:00Z', { amount: 4 }),
    );
    expect(res.httpStatus).toBe(200);
    expect(res.body?.status_code).toBe(2001);
    expect(res.body?.status_message).toMatch(/total_costs: expected a Price/);
  });
});

describe('terminal activation and deactivation (calls on the PTP)', () => {
  it('activation: the PTP receives our request with the reference, then creates the terminal on us', async () => {
    const res = await h.admin<Record<string, unknown>>('POST', '/admin/terminals/de/pay/activate', {
      reference: 'SN-4711',
      location_ids: ['LOC-001'],
    });
    expect(res.status).toBe(202);
    const activation = await ptp.waitFor(
      () => ptp.inbox.terminalActivations[0],
      30_000,
      'activation request',
    );
    expect(activation).toEqual(
      expect.objectContaining({
        reference: 'SN-4711',
        location_ids: ['LOC-001'],
        invoice_creator: 'CPO',
        last_updated: expect.stringMatching(/Z$/),
      }),
    );
    expect(activation).not.toHaveProperty('terminal_id');
    const created = await waitFor(
      async () =>
        (await h.admin<Array<Record<string, unknown>>>('GET', '/admin/terminals')).body.data?.find(
          (t) => t['reference'] === 'SN-4711',
        ),
      { timeoutMs: 30_000, description: 'the activated terminal created by the PTP' },
    );
    expect(created).toEqual(
      expect.objectContaining({ country_code: 'DE', party_id: 'PAY', location_ids: ['LOC-001'] }),
    );
  });

  it('deactivation: POST {terminal_id}/deactivate without a body, and the terminal is marked', async () => {
    const res = await h.admin<Record<string, unknown>>('POST', '/admin/terminals/DE/PAY/PT-0/deactivate');
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual(
      expect.objectContaining({ terminal_id: 'PT-0', deactivated_at: expect.stringMatching(/Z$/) }),
    );
    await ptp.waitFor(
      () => ptp.inbox.terminalDeactivations.includes('PT-0') || undefined,
      30_000,
      'deactivation',
    );
    expect(ptp.inbox.violations).toEqual([]);
  });

  it.each([
    ['no reference nor terminal id', '/admin/terminals/DE/PAY/activate', {}, 400],
    ['an unknown PTP', '/admin/terminals/NL/XXX/activate', { reference: 'x' }, 404],
    ['a malformed party', '/admin/terminals/NLD/XXX/activate', { reference: 'x' }, 400],
    ['an unknown terminal', '/admin/terminals/DE/PAY/NOPE/deactivate', undefined, 404],
  ])('refuses %s', async (_name, path, body, status) => {
    const res = await h.admin('POST', path, body);
    expect(res.status).toBe(status);
    expect(res.body.status_code).toBeGreaterThanOrEqual(2000);
  });
});
