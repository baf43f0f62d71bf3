import { UsageError } from '../cli/errors';
import { mapConnectors, mappingProblems, protocolOf, stationsTable } from './station.commands';

const pairs = (m: ReturnType<typeof mapConnectors>) =>
  m.map((c) => `${c.evseUid}:${c.connectorId}=${c.ocppEvseId}/${c.ocppConnectorId}`);

describe('station add: EVSE spec -> OCPP numbering', () => {
  it.each([
    ['ocpp2.0.1', ['E1:1', 'E2:1'], ['E1:1=1/1', 'E2:1=2/1']],
    ['ocpp2.0.1', ['E1:1', 'E1:2', 'E2:1'], ['E1:1=1/1', 'E1:2=1/2', 'E2:1=2/1']],
    ['ocpp2.0.1', ['E1:1', 'E2:1', 'E1:2'], ['E1:1=1/1', 'E2:1=2/1', 'E1:2=1/2']],
    // 1.6 has no EVSE level: the gateway keeps evse id = connector id (deploy/seed/stations.json CP-16-001).
    ['ocpp1.6', ['E1:1', 'E2:1'], ['E1:1=1/1', 'E2:1=2/2']],
    ['ocpp1.6', ['E1:1', 'E1:2', 'E2:1'], ['E1:1=1/1', 'E1:2=2/2', 'E2:1=3/3']],
    // An EVSE uid may itself contain ':' (OCPI CiString); the connector is after the last one.
    ['ocpp2.0.1', ['NL:TPC:E1:1'], ['NL:TPC:E1:1=1/1']],
  ] as const)('%s %j -> %j', (protocol, specs, expected) => {
    const m = mapConnectors(specs, 'LOC-1', protocol);
    expect(pairs(m)).toEqual(expected);
    expect(m.every((c) => c.locationId === 'LOC-1')).toBe(true);
  });

  it.each([[[]], [['E1']], [[':1']], [['E1:']], [['E1:1', 'e1:1']], [['E/1:1']]])('refuses %j', (specs) => {
    expect(() => mapConnectors(specs, 'LOC-1', 'ocpp2.0.1')).toThrow(UsageError);
  });

  it.each([
    [undefined, 'ocpp2.0.1'],
    ['2.0.1', 'ocpp2.0.1'],
    ['1.6', 'ocpp1.6'],
    ['ocpp1.6', 'ocpp1.6'],
  ])('reads --protocol %s as %s', (arg, expected) => {
    expect(protocolOf(arg)).toBe(expected);
  });

  it('lists stations with what the gateway reports and dashes for what it does not know yet', () => {
    const text = stationsTable([
      {
        stationId: 'CS-1',
        protocol: 'ocpp2.0.1',
        requiredProtocol: 'ocpp2.0.1',
        enabled: true,
        connected: true,
        lastHeartbeatAt: '2026-11-24T10:00:00.000Z',
        firmwareVersion: '1.2.3',
        vendor: 'ACME',
        model: 'X',
        connectors: [{ evseUid: 'E1', connectorId: '1' }],
      },
      {
        stationId: 'CP-2',
        protocol: 'ocpp1.6',
        requiredProtocol: null,
        connected: false,
        lastHeartbeatAt: null,
        firmwareVersion: null,
        vendor: null,
        model: null,
        enabled: false,
      },
      { stationId: 'CP-3', protocol: null, requiredProtocol: 'ocpp1.6', connected: false, enabled: true },
    ]).split('\n');
    expect(text[1]).toMatch(
      /^CS-1\s+2\.0\.1\s+yes\s+2026-11-24T10:00:00Z\s+1\.2\.3\s+ACME \/ X\s+yes\s+E1:1$/,
    );
    expect(text[2]).toMatch(/^CP-2\s+any \(speaks 1\.6\)\s+no\s+-\s+-\s+-\s+no\s+-$/);
    expect(text[3]).toMatch(/^CP-3\s+1\.6\s+no\s+-\s+-\s+-\s+yes\s+-$/);
  });
});

describe('station add: consistency with the registry and the OCPI Location', () => {
  const input = (specs: string[], allowUnknownEvse = false) => ({
    stationId: 'CS-NEW',
    protocol: 'ocpp2.0.1' as const,
    connectors: mapConnectors(specs, 'LOC-1', 'ocpp2.0.1'),
    allowUnknownEvse,
  });
  const location = {
    id: 'LOC-1',
    evses: [
      { uid: 'E1', connectors: [{ id: '1' }] },
      { uid: 'E2', connectors: [{ id: '1' }, { id: '2' }] },
    ],
  };
  const registry = [
    { stationId: 'CS-OLD', connectors: [{ locationId: 'loc-1', evseUid: 'e1', connectorId: '1' }] },
  ];

  it('accepts free connectors the Location has', () => {
    expect(mappingProblems(input(['E2:1', 'E2:2']), registry, location)).toEqual([]);
  });

  it('names every problem: a connector another charger serves (ids case-insensitive), unknown EVSE or connector', () => {
    expect(mappingProblems(input(['E1:1', 'E3:1', 'E2:3']), registry, location)).toEqual([
      { kind: 'TAKEN', message: 'E1:1 of LOC-1 is already served by station CS-OLD' },
      { kind: 'NOT_SERVED', message: 'location LOC-1 has no EVSE E3' },
      { kind: 'NOT_SERVED', message: 'EVSE E2 of LOC-1 has no connector 3' },
    ]);
  });

  it('without the Location (--allow-unknown-evse) still refuses a connector another charger serves', () => {
    expect(mappingProblems(input(['E9:1'], true), registry, undefined)).toEqual([]);
    expect(mappingProblems(input(['E1:1'], true), registry, undefined)).toHaveLength(1);
  });
});
