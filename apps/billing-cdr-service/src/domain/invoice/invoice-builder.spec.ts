import fc from 'fast-check';
import { aSessionCompleted, CPO, demoTariff, DEMO_LOCATION, SELLER } from '../../../test/builders';
import { buildCdr } from '../cdr/cdr-builder';
import type { CdrSummary } from '../cdr/cdr-summary';
import { dec, ZERO } from '../money/money';
import { buildCreditNote } from './credit-note-builder';
import { buildInvoice } from './invoice-builder';

const cdrOf = (overrides: Parameters<typeof aSessionCompleted>[0] = {}): CdrSummary =>
  buildCdr({
    session: aSessionCompleted(overrides),
    cpo: CPO,
    location: DEMO_LOCATION,
    locationKnown: true,
    invoiceCreator: 'CPO',
    now: new Date('2026-03-10T12:00:00Z'),
  }).summary;

const EFT = ['Mastercard', 'AID: A0000000041010', 'Nr: **** **** **** 1234', 'SEQ: 00', 'Amount: EUR 6.37'];
const invoice = (cdr: CdrSummary, captured: string) =>
  buildInvoice({
    number: 'NLTPC-INV-00000001',
    cdr,
    sessionId: 'S-BILL-1',
    authorizationReference: 'pp-bill-1',
    capturedInclVat: captured,
    eftData: EFT,
    seller: SELLER,
    issuedAt: '2026-03-10T12:00:00.000Z',
  });
const lineView = (i: ReturnType<typeof invoice>) =>
  i.lines.map((l) => [l.description, l.quantity, l.unit, l.exclVat, l.vatRate, l.vat, l.inclVat]);

describe('buildInvoice (cents, VAT per rate, lines add up to what left the card)', () => {
  // The per-kWh demo session: 10.8 kWh, CDR total 6.3720 incl. 21% VAT -> 6.37 billed.
  it.each([
    {
      name: 'SUCCESS: the CDR in cents',
      captured: '6.37',
      lines: [['Energy', '10.8', 'kWh', '5.26', '21', '1.11', '6.37']],
      breakdown: [{ rate: '21', base: '5.26', vat: '1.11' }],
      totals: ['5.26', '1.11', '6.37'],
    },
    {
      name: 'PARTIAL_SUCCESS: shows what was captured, the rest as an explicit line',
      captured: '4.00',
      lines: [
        ['Energy', '10.8', 'kWh', '5.27', '21', '1.10', '6.37'],
        [
          'Not captured by the payment terminal (partial payment)',
          '1',
          'adjustment',
          '-1.96',
          '21',
          '-0.41',
          '-2.37',
        ],
      ],
      breakdown: [{ rate: '21', base: '3.31', vat: '0.69' }], // 4.00 / 1.21 = 3.3058
      totals: ['3.31', '0.69', '4.00'],
    },
    {
      name: 'captured more than the CDR: bills the CDR only',
      captured: '7.00',
      lines: [['Energy', '10.8', 'kWh', '5.26', '21', '1.11', '6.37']],
      breakdown: [{ rate: '21', base: '5.26', vat: '1.11' }],
      totals: ['5.26', '1.11', '6.37'],
    },
  ])('$name', ({ captured, lines, breakdown, totals }) => {
    const inv = invoice(cdrOf(), captured);
    expect(lineView(inv)).toEqual(lines);
    expect(inv.vatBreakdown).toEqual(breakdown);
    expect([inv.totalExclVat, inv.totalVat, inv.totalInclVat]).toEqual(totals);
    expect(inv.eftData).toEqual(EFT);
    expect(inv.seller).toEqual(SELLER);
    expect(inv).toMatchObject({ kind: 'INVOICE', invoiceNumber: 'NLTPC-INV-00000001', currency: 'EUR' });
  });

  it('a CDR capped at the authorised amount shows the cap as a line', () => {
    const inv = invoice(cdrOf({ limitInclVat: { amount: '5.00', currency: 'EUR' } }), '5.00');
    expect(lineView(inv)).toEqual([
      ['Energy', '10.8', 'kWh', '5.26', '21', '1.11', '6.37'],
      ['Capped at the authorised amount', '1', 'adjustment', '-1.13', '21', '-0.24', '-1.37'],
    ]);
    expect([inv.totalExclVat, inv.totalVat, inv.totalInclVat]).toEqual(['4.13', '0.87', '5.00']);
  });

  it("the tariff's min_price shows as a line (2.3.0 pre-authorised demo tariff, 0.5 kWh)", () => {
    const inv = invoice(
      cdrOf({
        tariff: demoTariff('preauth230'),
        ocpiVersion: '2.3.0',
        charge: { start: '2026-03-10T10:00:00Z', minutes: 5, powerW: 6_000 },
      }),
      '1.21',
    );
    expect(inv.lines.map((l) => [l.description, l.inclVat])).toEqual([
      ['Session fee', '0.35'],
      ['Energy', '0.33'],
      ['Tariff minimum price', '0.53'],
    ]);
    expect(inv.totalInclVat).toBe('1.21');
    expect(inv.vatBreakdown).toEqual([{ rate: '21', base: '1.00', vat: '0.21' }]);
  });

  it('VAT breakdown per rate when dimensions carry different rates', () => {
    const amount = (excl: string, rate: string, tax: string) => ({
      exclVat: excl,
      inclVat: dec(excl).plus(tax).toFixed(4),
      taxes: [{ name: 'VAT', percentage: rate, amount: tax }],
    });
    const cdr: CdrSummary = {
      ...cdrOf(),
      dimensions: [
        { dimension: 'ENERGY', quantity: '20', unit: 'kWh', amount: amount('10.0000', '21', '2.1000') },
        { dimension: 'PARKING_TIME', quantity: '0.5', unit: 'h', amount: amount('3.0000', '9', '0.2700') },
      ],
      pricedTotal: { exclVat: '13.0000', inclVat: '15.3700', taxes: [] },
      total: { exclVat: '13.0000', inclVat: '15.3700', taxes: [] },
    };
    const inv = invoice(cdr, '15.37');
    expect(lineView(inv)).toEqual([
      ['Energy', '20', 'kWh', '10.00', '21', '2.10', '12.10'],
      ['Parking time', '0.5', 'h', '3.00', '9', '0.27', '3.27'],
    ]);
    expect(inv.vatBreakdown).toEqual([
      { rate: '9', base: '3.00', vat: '0.27' },
      { rate: '21', base: '10.00', vat: '2.10' },
    ]);
  });

  it('property: lines, VAT breakdown and totals always add up, never above captured, CDR or limit', () => {
    const tariffs = ['simple', 'timeOfDay', 'flatStep', 'preauth230'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...tariffs),
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 1_000, max: 50_000 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 100, max: 8_000 }),
        fc.integer({ min: 0, max: 9_000 }),
        (tariff, minutes, powerW, idleMinutes, limitCents, capturedCents) => {
          const limit = (limitCents / 100).toFixed(2);
          const cdr = cdrOf({
            tariff: demoTariff(tariff),
            ocpiVersion: tariff === 'preauth230' ? '2.3.0' : '2.2.1',
            limitInclVat: { amount: limit, currency: 'EUR' },
            charge: { start: '2026-03-12T16:00:00Z', minutes, powerW, idleMinutes, intervalS: 120 },
          });
          const inv = invoice(cdr, (capturedCents / 100).toFixed(2));
          const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), ZERO);
          expect(sum(inv.lines.map((l) => l.inclVat)).toFixed(2)).toBe(inv.totalInclVat);
          expect(sum(inv.lines.map((l) => l.exclVat)).toFixed(2)).toBe(inv.totalExclVat);
          expect(sum(inv.lines.map((l) => l.vat)).toFixed(2)).toBe(inv.totalVat);
          expect(sum(inv.vatBreakdown.map((r) => r.base)).toFixed(2)).toBe(inv.totalExclVat);
          expect(dec(inv.totalExclVat).plus(inv.totalVat).toFixed(2)).toBe(inv.totalInclVat);
          for (const l of inv.lines) expect(dec(l.exclVat).plus(l.vat).toFixed(2)).toBe(l.inclVat);
          expect(dec(inv.totalInclVat).lte(limit)).toBe(true);
          expect(dec(inv.totalInclVat).lte((capturedCents / 100).toFixed(2))).toBe(true);
          expect(dec(inv.totalInclVat).lte(dec(cdr.total.inclVat).toDecimalPlaces(2))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('buildCreditNote', () => {
  it('reverses every amount with its own number and a reference to the invoice; the invoice is untouched', () => {
    const inv = invoice(cdrOf(), '4.00');
    const before = JSON.stringify(inv);
    const note = buildCreditNote(
      inv,
      'NLTPC-CN-00000001',
      'wrong connector billed',
      '2026-03-11T09:00:00.000Z',
    );
    expect(JSON.stringify(inv)).toBe(before);
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      invoiceNumber: 'NLTPC-CN-00000001',
      correctsInvoiceNumber: 'NLTPC-INV-00000001',
      reason: 'wrong connector billed',
      totalExclVat: '-3.31',
      totalVat: '-0.69',
      totalInclVat: '-4.00',
      eftData: [],
    });
    expect(note.lines.map((l) => l.inclVat)).toEqual(['-6.37', '2.37']);
    expect(note.vatBreakdown).toEqual([{ rate: '21', base: '-3.31', vat: '-0.69' }]);
  });
});
