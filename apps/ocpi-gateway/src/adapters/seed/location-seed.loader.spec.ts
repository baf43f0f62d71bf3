import { readFileSync } from 'node:fs';
import { loadLocationSeed, mappingsFromStations } from './location-seed.loader';

describe('seed loading', () => {
  it('reads connector mappings from the ocpp-gateway station seed shape', () => {
    const stations = {
      stations: [
        {
          stationId: 'CP-1',
          connectors: [
            { ocppEvseId: 1, ocppConnectorId: 1, locationId: 'LOC-001', evseUid: 'E-1', connectorId: '1' },
          ],
        },
        {
          stationId: 'CP-2',
          connectors: [{ ocppEvseId: 2, ocppConnectorId: 1, locationId: 'LOC-001', evseUid: 'E-2' }],
        },
        { stationId: 'CP-3', connectors: [{ ocppEvseId: 1 }] },
      ],
    };
    expect(mappingsFromStations(stations)).toEqual([
      {
        stationId: 'CP-1',
        ocppEvseId: 1,
        ocppConnectorId: 1,
        locationId: 'LOC-001',
        evseUid: 'E-1',
        connectorId: '1',
      },
      {
        stationId: 'CP-2',
        ocppEvseId: 2,
        ocppConnectorId: 1,
        locationId: 'LOC-001',
        evseUid: 'E-2',
        connectorId: '1',
      },
    ]);
  });

  it('the repository seeds are valid and every EVSE of LOC-001 sits on a charger', () => {
    const seed = loadLocationSeed(
      'deploy/seed/locations.json',
      { countryCode: 'NL', partyId: 'TPC' },
      'deploy/seed/stations.json',
    );
    const loc = seed.locations.find((l) => l.id === 'LOC-001');
    expect(loc?.time_zone).toBe('Europe/Amsterdam');
    const mapped = new Set(seed.mappings.map((m) => m.evseUid));
    for (const evse of loc?.evses ?? []) expect(mapped.has(evse.uid)).toBe(true);
    expect(JSON.parse(readFileSync('deploy/seed/locations.json', 'utf8')).locations.length).toBeGreaterThan(
      0,
    );
  });
});
