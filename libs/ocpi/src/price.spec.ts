import { AnyPrice, grossAmount, normalizePrice, toPrice230, toVersionPrice } from './price';

describe('Price (both shapes, digest 1.6)', () => {
  it.each([
    ['2.2.1 with VAT', { excl_vat: 4.0, incl_vat: 4.4 }, { exclVat: '4', inclVat: '4.4' }],
    ['2.2.1 without VAT', { excl_vat: 2.5 }, { exclVat: '2.5', inclVat: undefined }],
    [
      '2.3.0 with taxes',
      { before_taxes: 4.0, taxes: [{ name: 'VAT', amount: 0.4, percentage: 10 }] },
      { exclVat: '4', inclVat: '4.4' },
    ],
    [
      '2.3.0 with two taxes (QST + GST)',
      {
        before_taxes: 10,
        taxes: [
          { name: 'GST', amount: 0.5 },
          { name: 'QST', amount: 0.9975 },
        ],
      },
      { exclVat: '10', inclVat: '11.4975' },
    ],
    ['2.3.0 without taxes', { before_taxes: 2.5 }, { exclVat: '2.5', inclVat: '2.5' }],
    [
      '2.3.0 with the gross amount as after_taxes (PriceLimit wording)',
      { before_taxes: 4, after_taxes: 4.4 },
      { exclVat: '4', inclVat: '4.4' },
    ],
    [
      '2.3.0 with taxes and after_taxes: the tax list counts',
      { before_taxes: 4, after_taxes: 9, taxes: [{ name: 'VAT', amount: 0.84 }] },
      { exclVat: '4', inclVat: '4.84' },
    ],
    [
      'tiny amounts in plain notation',
      { excl_vat: 1e-7, incl_vat: 2.5e-11 },
      { exclVat: '0.0000001', inclVat: '0' },
    ],
    [
      'float noise beyond 10 decimals is dropped',
      { before_taxes: 0.1, taxes: [{ name: 'VAT', amount: 0.30000000000000004 }] },
      { exclVat: '0.1', inclVat: '0.4' },
    ],
    [
      'unknown fields are ignored',
      { excl_vat: 1, incl_vat: 1.21, note: 'x' },
      { exclVat: '1', inclVat: '1.21' },
    ],
    [
      'float-unsafe sums stay exact',
      { before_taxes: 0.1, taxes: [{ name: 'VAT', amount: 0.2 }] },
      { exclVat: '0.1', inclVat: '0.3' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(normalizePrice(AnyPrice.parse(input))).toEqual(expected);
  });

  it('gross amount falls back to the net amount when no VAT is known', () => {
    expect(grossAmount({ excl_vat: 3 })).toBe('3');
    expect(grossAmount({ excl_vat: 3, incl_vat: 3.63 })).toBe('3.63');
  });

  it('rejects a price of neither shape with a message naming both', () => {
    const r = AnyPrice.safeParse({ amount: 3 });
    expect(r.success).toBe(false);
  });

  it.each([[{ excl_vat: 1e15 }], [{ before_taxes: 1, taxes: [{ name: 'VAT', amount: -1e300 }] }]])(
    'rejects amounts our decimal strings cannot carry: %j',
    (input) => {
      expect(AnyPrice.safeParse(input).success).toBe(false);
    },
  );

  it.each([
    ['2.2.1', { exclVat: '4.00', inclVat: '4.40' }, { excl_vat: 4, incl_vat: 4.4 }],
    [
      '2.3.0',
      { exclVat: '4.00', inclVat: '4.40' },
      { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4 }] },
    ],
    ['2.3.0', { exclVat: '4.00', inclVat: '4.00' }, { before_taxes: 4 }],
    ['2.2.1', { exclVat: '1.5' }, { excl_vat: 1.5 }],
  ] as const)('emits the %s shape', (version, amount, expected) => {
    expect(toVersionPrice(version, amount)).toEqual(expected);
  });

  it.each([
    [
      '2.2.1 reading',
      { excl_vat: 4, incl_vat: 4.4 },
      { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4 }] },
    ],
    ['2.2.1 without VAT', { excl_vat: 4 }, { before_taxes: 4 }],
    [
      'after_taxes reading',
      { before_taxes: 4, after_taxes: 4.4 },
      { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4 }] },
    ],
    [
      '2.3.0 tax list kept as sent',
      { before_taxes: 10, taxes: [{ name: 'GST', amount: 0.5, percentage: 5 }] },
      { before_taxes: 10, taxes: [{ name: 'GST', amount: 0.5, percentage: 5 }] },
    ],
    ['zero (the spec failure example)', { excl_vat: 0, incl_vat: 0 }, { before_taxes: 0 }],
  ])('normalises the %s to the strict 2.3.0 Price', (_name, input, expected) => {
    expect(toPrice230(AnyPrice.parse(input))).toEqual(expected);
  });
});
