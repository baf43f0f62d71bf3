import { RefusedError, UsageError } from '../cli/errors';
import { readLocationFile } from './location.commands';
import { parseInvite, peersTable } from './ptp.commands';
import { cdrTotalInclVat, storyText, type SessionStory } from './session.commands';
import { connectorRefs, mergeAssignment, needsLocation, parseAssign } from './tariff.commands';
import { flatten, ownerOf, terminalsTable } from './terminal.commands';

const io = (files: Record<string, string>) => ({
  readFile: (p: string) => {
    if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return files[p] as string;
  },
});

describe('ptp', () => {
  it('upper-cases country and party and trims the name', () => {
    expect(parseInvite('  Acme  ', 'nl', 'ptp')).toEqual({ name: 'Acme', countryCode: 'NL', partyId: 'PTP' });
    expect(() => parseInvite('x'.repeat(101))).toThrow(UsageError);
  });

  it('shows peers with their party, state and push figures', () => {
    const lines = peersTable([
      {
        peer_id: 'p-1',
        name: 'Acme',
        state: 'REGISTERED',
        country_code: 'NL',
        party_id: 'ACM',
        role: 'OTHER',
        version: '2.3.0',
        registered_at: '2026-11-24T10:00:00.000Z',
        pending_pushes: 2,
      },
    ]).split('\n');
    expect(lines[1]).toMatch(
      /^p-1\s+Acme\s+REGISTERED\s+NL-ACM\s+OTHER\s+2\.3\.0\s+2026-11-24T10:00:00Z\s+-\s+2$/,
    );
  });
});

describe('location add --file', () => {
  const loc = { id: 'LOC-9', evses: [{ uid: 'E1', connectors: [{ id: '1' }] }] };
  it('reads one OCPI Location', () => {
    expect(readLocationFile('l.json', io({ 'l.json': JSON.stringify(loc) }))).toEqual(loc);
  });
  it.each([
    ['{', 'not JSON'],
    ['[]', 'must hold one OCPI Location object'],
    ['{"name":"x"}', 'needs an "id"'],
    ['{"id":"L","evses":{}}', '"evses" must be an array'],
    ['{"id":"L","evses":[{"uid":"E"},{"uid":"e"}]}', 'EVSE uid e appears twice'],
  ])('refuses %s (%s)', (text, message) => {
    expect(() => readLocationFile('l.json', io({ 'l.json': text }))).toThrow(message);
  });
});

describe('tariff assign', () => {
  const location = {
    id: 'L',
    evses: [
      { uid: 'E1', connectors: [{ id: '1' }, { id: '2' }] },
      { uid: 'E2', connectors: [{ id: '1' }] },
    ],
  };

  it.each([
    [[], ['L/E1/1', 'L/E1/2', 'L/E2/1']],
    [['E1'], ['L/E1/1', 'L/E1/2']],
    [['e2:1'], ['L/E2/1']],
    [
      ['E2', 'E1:2'],
      ['L/E2/1', 'L/E1/2'],
    ],
  ])('--evse %j names connectors %j', (evses, expected) => {
    expect(connectorRefs(parseAssign('T', 'L', evses, false), location)).toEqual(expected);
  });

  it('needs the Location only when a connector is not named', () => {
    expect(needsLocation(parseAssign('T', 'L', ['E1:1'], false))).toBe(false);
    expect(needsLocation(parseAssign('T', 'L', ['E1'], false))).toBe(true);
    expect(needsLocation(parseAssign('T', 'L', [], false))).toBe(true);
    expect(connectorRefs(parseAssign('T', 'L', ['E9:1'], false), undefined)).toEqual(['L/E9/1']);
  });

  it.each([[['E9']], [['E1:3']]])('refuses %j, which the location does not have', (evses) => {
    expect(() => connectorRefs(parseAssign('T', 'L', evses, false), location)).toThrow(RefusedError);
  });

  it('adds to the current assignment unless --replace (case-insensitive duplicates dropped)', () => {
    expect(mergeAssignment(['L/E1/1', 'X/Y/1'], ['l/e1/1', 'L/E2/1'], false)).toEqual([
      'L/E1/1',
      'X/Y/1',
      'L/E2/1',
    ]);
    expect(mergeAssignment(['X/Y/1'], ['L/E2/1'], true)).toEqual(['L/E2/1']);
  });
});

describe('terminal', () => {
  it('flattens both a bare Terminal and one wrapped with its PTP', () => {
    expect(
      flatten({ terminal_id: 'T1', country_code: 'NL', party_id: 'PTP', location_ids: ['L'] }),
    ).toMatchObject({
      terminalId: 'T1',
      party: 'NL-PTP',
      locationIds: ['L'],
    });
    expect(
      flatten({ ptp: { countryCode: 'DE', partyId: 'PAY' }, terminal: { terminal_id: 'T2' } }),
    ).toMatchObject({
      terminalId: 'T2',
      party: 'DE-PAY',
    });
  });

  it('lists terminals with their PTP and marks deactivated ones', () => {
    const lines = terminalsTable([
      flatten({
        terminal_id: 'T1',
        country_code: 'NL',
        party_id: 'PTP',
        location_ids: ['L'],
        deactivated_at: null,
      }),
      flatten({
        terminal_id: 'T2',
        country_code: 'NL',
        party_id: 'PTP',
        deactivated_at: '2026-11-24T10:00:00.000Z',
      }),
    ]).split('\n');
    expect(lines[1]).toMatch(/^T1\s+NL-PTP\s+L\s+-\s+-\s+-\s+-$/);
    expect(lines[2]).toMatch(/^T2\s+NL-PTP\s+-\s+-\s+-\s+-\s+2026-11-24T10:00:00Z$/);
  });

  it('finds the one PTP owning a terminal id, else asks for --party', () => {
    const rows = [
      { terminalId: 'T1', party: 'NL-PTP', locationIds: [], evseUids: [] },
      { terminalId: 'T2', party: 'NL-PTP', locationIds: [], evseUids: [] },
      { terminalId: 'T2', party: 'DE-PAY', locationIds: [], evseUids: [] },
    ];
    expect(ownerOf('t1', rows)).toEqual({ countryCode: 'NL', partyId: 'PTP' });
    expect(() => ownerOf('T2', rows)).toThrow(UsageError);
    expect(() => ownerOf('T3', rows)).toThrow(RefusedError);
  });
});

describe('session show', () => {
  it.each([
    [{ excl_vat: 4, incl_vat: 4.84 }, 4.84],
    [{ before_taxes: 4, taxes: [{ amount: 0.84 }] }, 4.84],
    [{ before_taxes: 0.1, taxes: [{ amount: 0.2 }] }, 0.3],
  ])('reads the CDR total incl. VAT from %j (OCPI 2.2.1 and 2.3.0 Price)', (total_cost, expected) => {
    expect(cdrTotalInclVat({ total_cost })).toBe(expected);
  });

  it('tells the whole story: state, charger, price, meter, stop, CDR, payment, invoice', () => {
    const story: SessionStory = {
      session: {
        sessionId: 'S-1',
        authorizationReference: 'ref-1',
        ptp: 'NL-PTP',
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        stopReason: 'MAX_PRICE',
        connector: {
          stationId: 'CS-1',
          ocppEvseId: 2,
          ocppConnectorId: 1,
          locationId: 'L',
          evseUid: 'E2',
          connectorId: '1',
        },
        limitInclVat: { amount: '10.00', currency: 'EUR' },
        cost: { exclVat: '8.1600', inclVat: '9.8736' },
        energyWh: 12345,
        meter: {
          samples: 3,
          first: { timestamp: '2026-11-24T10:00:00.000Z', energyWh: 0 },
          last: { timestamp: '2026-11-24T10:30:00.000Z', energyWh: 12345, socPercent: 80 },
        },
        commands: {
          stop: {
            reason: 'MAX_PRICE',
            requestedAt: '2026-11-24T10:29:00.000Z',
            attempts: 1,
            confirmedByCharger: true,
          },
        },
      },
      cdr: {
        cdr: {
          id: 'CDR-1',
          currency: 'EUR',
          total_energy: 12.345,
          total_cost: { before_taxes: 8.16, taxes: [{ amount: 1.71 }] },
        },
      },
      invoice: {
        invoice: {
          invoiceNumber: 'INV-1',
          currency: 'EUR',
          totalInclVat: '9.87',
          issuedAt: '2026-11-24T10:31:00.000Z',
          eftData: ['Visa'],
        },
      },
    };
    const text = storyText(story);
    expect(text).toContain('Session ref-1 (session id S-1)');
    expect(text).toMatch(/state +COMPLETED \(OCPI COMPLETED\), stop reason MAX_PRICE/);
    expect(text).toMatch(/charger +CS-1 EVSE 2 connector 1 = L \/ E2 \/ 1/);
    expect(text).toMatch(/price +EUR 9\.87 incl\. VAT \(EUR 8\.16 excl\.\) for 12\.345 kWh/);
    expect(text).toMatch(
      /meter +3 sample\(s\), 2026-11-24T10:00:00Z \.\. 2026-11-24T10:30:00Z, register 0 -> 12345 Wh, SoC 80 %/,
    );
    expect(text).toMatch(
      /stop +MAX_PRICE asked 2026-11-24T10:29:00Z, 1 RemoteStop\(s\) sent, confirmed by the charger/,
    );
    expect(text).toMatch(/CDR +CDR-1: EUR 9\.87 incl\. VAT, 12\.345 kWh/);
    expect(text).toMatch(/payment +confirmed by the PTP \(Visa\)/);
    expect(text).toMatch(/invoice +INV-1, EUR 9\.87 incl\. VAT, issued 2026-11-24T10:31:00Z/);
  });

  it('says what is missing before billing has anything', () => {
    const text = storyText({ session: { sessionId: 'S', authorizationReference: 'r', state: 'ACTIVE' } });
    expect(text).toMatch(/CDR +none yet/);
    expect(text).toMatch(/invoice +none yet/);
    expect(text).not.toContain('payment');
  });
});
