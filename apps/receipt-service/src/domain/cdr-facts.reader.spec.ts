import { decimalText, readCdrFacts, readPrice } from './cdr-facts.reader';

describe('readPrice (OCPI Price, 2.2.1 and 2.3.0 shapes)', () => {
  it.each([
    ['2.2.1 with incl', { excl_vat: 8.4, incl_vat: 10.164 }, { exclVat: '8.4', inclVat: '10.164' }],
    ['2.2.1 without incl (no VAT known)', { excl_vat: 1 }, { exclVat: '1' }],
    [
      '2.3.0 with one tax',
      { before_taxes: 0.1, taxes: [{ name: 'VAT', percentage: 21, amount: 0.2 }] },
      { exclVat: '0.1', inclVat: '0.3' },
    ], // exact, not 0.30000000000000004
    [
      '2.3.0 with two taxes',
      {
        before_taxes: 10,
        taxes: [
          { name: 'VAT', amount: 2.1 },
          { name: 'QST', amount: 0.5 },
        ],
      },
      { exclVat: '10', inclVat: '12.6' },
    ],
    ['2.3.0 without taxes', { before_taxes: 4 }, { exclVat: '4', inclVat: '4' }],
    ['2.3.0 with a malformed tax', { before_taxes: 4, taxes: [{ name: 'VAT' }] }, { exclVat: '4' }],
    ['decimal strings', { excl_vat: '1.2345', incl_vat: '1.4937' }, { exclVat: '1.2345', inclVat: '1.4937' }],
    ['not a price', 'x', undefined],
    ['missing amount', { incl_vat: 1 }, undefined],
  ])('%s', (_name, value, expected) => {
    expect(readPrice(value)).toEqual(expected);
  });

  it.each([
    [0.1, '0.1'],
    [21.004, '21.004'],
    [1e-7, '0.0000001'],
    ['12.50', '12.5'],
    ['1e5', undefined],
    [Number.NaN, undefined],
    [null, undefined],
  ])('decimalText(%j) = %j', (value, expected) => {
    expect(decimalText(value)).toBe(expected);
  });
});

describe('readCdrFacts', () => {
  const total = { exclVat: '9.64', inclVat: '11.66', currency: 'EUR' };

  it('reads location, times, energy and each priced component', () => {
    const f = readCdrFacts(
      {
        id: 'CDR-SECRET',
        start_date_time: '2026-11-24T10:00:00Z',
        end_date_time: '2026-11-24T11:12:00Z',
        currency: 'EUR',
        cdr_location: {
          id: 'LOC-SECRET',
          name: 'P+R',
          address: 'Street 1',
          city: 'Utrecht',
          postal_code: '3511',
          country: 'NLD',
          evse_uid: 'UID-SECRET',
          evse_id: 'NL*TPC*E1*1',
          connector_id: '2',
        },
        total_energy: 21.004,
        total_time: 1.2,
        total_parking_time: 0.25,
        total_energy_cost: { excl_vat: 8.4, incl_vat: 10.16 },
        total_parking_cost: { excl_vat: 0.5, incl_vat: 0.61 },
        total_fixed_cost: { excl_vat: 1, incl_vat: 1.21 },
      },
      total,
      '2026-11-24T11:13:00Z',
    );
    expect(f).toEqual({
      createdAt: '2026-11-24T11:13:00Z',
      currency: 'EUR',
      startedAt: '2026-11-24T10:00:00Z',
      endedAt: '2026-11-24T11:12:00Z',
      location: {
        name: 'P+R',
        address: 'Street 1',
        city: 'Utrecht',
        postalCode: '3511',
        country: 'NLD',
        evseId: 'NL*TPC*E1*1',
        connectorId: '2',
      },
      totalEnergyKwh: '21.004',
      totalTimeHours: '1.2',
      totalParkingTimeHours: '0.25',
      components: {
        energy: { exclVat: '8.4', inclVat: '10.16' },
        parking: { exclVat: '0.5', inclVat: '0.61' },
        fixed: { exclVat: '1', inclVat: '1.21' },
      },
      total: { exclVat: '9.64', inclVat: '11.66' },
    });
    expect(JSON.stringify(f)).not.toMatch(/SECRET/);
  });

  it("drops billing's placeholders for an unknown location and tolerates a bare CDR", () => {
    const f = readCdrFacts(
      { cdr_location: { address: 'unknown', city: 'unknown', country: 'ZZZ', evse_id: 'E1' } },
      total,
      '2026-11-24T11:13:00Z',
    );
    expect(f.location).toEqual({ evseId: 'E1' });
    expect(f.startedAt).toBe('2026-11-24T11:13:00Z');
    expect(f.totalEnergyKwh).toBe('0');
    expect(f.components).toEqual({});
    expect(f.currency).toBe('EUR');
  });
});
