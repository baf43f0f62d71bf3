import { Location221, Location230, type Location } from '@tapcharge/ocpi';
import { LocationReadModel, renderLocation } from './location-read-model';

const T0 = '2025-01-01T00:00:00Z';
const connector = (id: string) => ({
  id,
  standard: 'IEC_62196_T2',
  format: 'SOCKET' as const,
  power_type: 'AC_3_PHASE' as const,
  max_voltage: 230,
  max_amperage: 32,
  capabilities: ['ISO_15118_2_PLUG_AND_CHARGE'],
  last_updated: T0,
});
const location = (
  id: string,
  evses: Array<{ uid: string; connectors: string[] }>,
  lastUpdated = T0,
): Location =>
  Location230.parse({
    country_code: 'NL',
    party_id: 'TPC',
    id,
    publish: true,
    address: 'Street 1',
    city: 'Amsterdam',
    country: 'NLD',
    coordinates: { latitude: '52.37890', longitude: '4.90030' },
    time_zone: 'Europe/Amsterdam',
    help_phone: '+31200000000',
    evses: evses.map((e) => ({
      uid: e.uid,
      status: 'AVAILABLE',
      connectors: e.connectors.map(connector),
      last_updated: T0,
    })),
    last_updated: lastUpdated,
  });

function model() {
  return new LocationReadModel(
    [
      location('L1', [
        { uid: 'E1', connectors: ['1'] },
        { uid: 'E2', connectors: ['1', '2'] },
      ]),
      location('L2', [{ uid: 'E3', connectors: ['1'] }], '2024-06-01T00:00:00Z'),
    ],
    [
      {
        locationId: 'L1',
        evseUid: 'E1',
        connectorId: '1',
        stationId: 'CP-1',
        ocppEvseId: 1,
        ocppConnectorId: 1,
      },
    ],
  );
}

describe('LocationReadModel', () => {
  it.each([
    ['unknown location', ['NOPE', 'E1', '1'], 'unknown-location'],
    ['unknown EVSE', ['L1', 'NOPE', '1'], 'unknown-evse'],
    ['unknown connector', ['L1', 'E1', '9'], 'unknown-connector'],
    ['several EVSEs, none named', ['L1', undefined, undefined], 'evse-required'],
    [
      'several connectors, none named (START_SESSION_CONNECTOR_REQUIRED)',
      ['L1', 'E2', undefined],
      'connector-required',
    ],
    ['only EVSE of a location may be implied', ['L2', undefined, undefined], 'ok'],
    ['ids are case-insensitive (CiString)', ['l1', 'e1', '1'], 'ok'],
  ] as const)('resolve: %s', (_name, [l, e, c], kind) => {
    expect(model().resolve(l, e, c).kind).toBe(kind);
  });

  it('knows the OCPP position of mapped connectors only', () => {
    const m = model();
    const ok = m.resolve('L1', 'E1', '1');
    expect(ok.kind === 'ok' && ok.position).toEqual({ stationId: 'CP-1', ocppEvseId: 1, ocppConnectorId: 1 });
    const unmapped = m.resolve('L1', 'E2', '1');
    expect(unmapped.kind === 'ok' && unmapped.position).toBeUndefined();
    expect(m.findByPosition({ stationId: 'CP-1', ocppEvseId: 1, ocppConnectorId: 1 })?.evseUid).toBe('E1');
  });

  it('a status change bumps EVSE and Location last_updated and moves the Location to the end of the list', () => {
    const m = model();
    expect(m.applyStatus('L2', 'E3', 'CHARGING', new Date('2025-02-01T00:00:00Z'))?.last_updated).toBe(
      '2025-02-01T00:00:00Z',
    );
    expect(m.get('L2')?.last_updated).toBe('2025-02-01T00:00:00Z');
    expect(m.all().map((l) => l.id)).toEqual(['L1', 'L2']);
    expect(m.applyStatus('L2', 'E3', 'CHARGING', new Date())).toBeUndefined(); // no change, no push
  });

  it('paging filters on last_updated and serves cached JSON that follows changes', () => {
    const m = model();
    const before = m.page('2.3.0', { offset: 0, date_from: '2024-12-31T00:00:00Z' }, 10);
    expect(before.total).toBe(1);
    m.applyStatus('L1', 'E1', 'OUTOFORDER', new Date('2025-03-01T00:00:00Z'));
    const after = m.page('2.3.0', { offset: 0, date_from: '2024-12-31T00:00:00Z' }, 10);
    expect(JSON.parse(after.items[0] as string).evses[0].status).toBe('OUTOFORDER');
  });

  it('tariff assignment adds and removes tariff_ids per connector', () => {
    const m = model();
    expect(m.assignTariff('T1', ['L1/E1/1', 'L1/E2/2'], new Date('2025-02-01T00:00:00Z'))).toEqual(['L1']);
    expect(m.get('L1')?.evses?.[1]?.connectors[1]?.tariff_ids).toEqual(['T1']);
    m.assignTariff('T1', ['L1/E1/1'], new Date('2025-02-02T00:00:00Z'));
    expect(m.get('L1')?.evses?.[1]?.connectors[1]?.tariff_ids).toEqual([]);
    expect(m.get('L1')?.evses?.[0]?.connectors[0]?.tariff_ids).toEqual(['T1']);
  });

  it('2.2.1 rendering drops 2.3.0-only fields and validates as a 2.2.1 Location', () => {
    const l = renderLocation(model().get('L1')!, '2.2.1');
    expect(l).not.toHaveProperty('help_phone');
    expect(l.evses?.[0]?.connectors[0]).not.toHaveProperty('capabilities');
    expect(Location221.safeParse(l).success).toBe(true);
  });

  it('2.2.1 rendering cuts address and state to 2.2.1 lengths (2.3.0 ed2 allows 255 and 45)', () => {
    const long = {
      ...location('L9', [{ uid: 'E9', connectors: ['1'] }]),
      address: 'a'.repeat(200),
      state: 's'.repeat(40),
    };
    const l = renderLocation(long, '2.2.1');
    expect(l.address).toHaveLength(45);
    expect(l.state).toHaveLength(20);
    expect(Location221.safeParse(l).success).toBe(true);
    expect(renderLocation(long, '2.3.0').address).toHaveLength(200);
  });

  it('upserts a Location (operator): new or replaced, served at once, revision bumped', () => {
    const m = model();
    const before = m.revision();
    expect(m.upsertLocation(location('L3', [{ uid: 'E4', connectors: ['1'] }], '2026-01-01T00:00:00Z'))).toBe(
      true,
    );
    expect(m.get('l3')?.evses?.[0]?.uid).toBe('E4');
    expect(m.page('2.3.0', { offset: 0 }, 10).total).toBe(3);
    const json = m.locationJson(m.get('L1') as Location, '2.3.0');
    expect(m.upsertLocation({ ...location('L1', [{ uid: 'E1', connectors: ['1'] }]), name: 'Renamed' })).toBe(
      false,
    );
    expect(m.locationJson(m.get('L1') as Location, '2.3.0')).not.toBe(json);
    expect(m.get('L1')?.name).toBe('Renamed');
    expect(m.revision()).toBe(before + 2);
    // the charger mapping of an EVSE that stays survives the replacement
    expect(m.resolve('L1', 'E1', '1')).toEqual(
      expect.objectContaining({ kind: 'ok', position: expect.objectContaining({ stationId: 'CP-1' }) }),
    );
  });

  it('counts every change in its revision (page caches compare it)', () => {
    const m = model();
    const r0 = m.revision();
    m.applyStatus('L1', 'E1', 'CHARGING', new Date('2025-03-01T00:00:00Z'));
    m.applyStatus('L1', 'E1', 'CHARGING', new Date('2025-03-01T00:00:01Z')); // no change
    m.assignTariff('T9', ['L2/E3/1'], new Date('2025-03-02T00:00:00Z'));
    expect(m.revision()).toBe(r0 + 2);
  });
});
