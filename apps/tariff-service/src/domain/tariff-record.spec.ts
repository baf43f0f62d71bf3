import { demoTariff, withFirstPrice } from '../../test/demo-tariffs';
import { parseTariffInput } from './tariff-input.parser';
import {
  deleted,
  isLive,
  nextLastUpdated,
  withAssignment,
  withTariff,
  type TariffRecord,
} from './tariff-record';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:05:00.000Z';
const input = (price = 0.4876) =>
  parseTariffInput(withFirstPrice(demoTariff('simple-per-kwh'), price), 'DEMO-SIMPLE-KWH', T0);

describe('nextLastUpdated', () => {
  it.each([
    [undefined, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z'],
    ['2026-03-01T11:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T11:00:00.001Z'],
  ])('after %s at %s gives %s (strictly increasing, clock going back included)', (prev, now, want) => {
    expect(nextLastUpdated(prev, new Date(now))).toBe(want);
  });
});

describe('tariff record transitions', () => {
  const created = withTariff(undefined, input(), T0) as TariffRecord;

  it('creates a tariff with no connectors, stamped with the change time', () => {
    expect(created).toMatchObject({
      tariffId: 'DEMO-SIMPLE-KWH',
      ocpiVersion: '2.2.1',
      appliesTo: [],
      lastUpdated: T0,
    });
    expect(created.tariff?.last_updated).toBe(T0);
  });

  it('treats the same content as no change, a new price as a replacement keeping the connectors', () => {
    const assigned = withAssignment(created as never, ['L/E/1'], T1) as TariffRecord;
    expect(withTariff(assigned, input(), T1)).toBeUndefined();
    const replaced = withTariff(assigned, input(0.5), T1);
    expect(replaced).toMatchObject({ appliesTo: ['L/E/1'], lastUpdated: T1 });
    expect(replaced?.tariff?.elements[0]?.price_components[0]?.price).toBe(0.5);
  });

  it('assigns connectors without touching the OCPI object or its last_updated', () => {
    const assigned = withAssignment(created as never, ['L/E/1', 'L/E/2'], T1);
    expect(assigned).toMatchObject({ appliesTo: ['L/E/1', 'L/E/2'], lastUpdated: T1 });
    expect(assigned?.tariff?.last_updated).toBe(T0);
    expect(withAssignment(assigned as never, ['L/E/2', 'l/e/1'], T1)).toBeUndefined();
  });

  it('deletes to a tombstone, and a later PUT recreates it without the old connectors', () => {
    const assigned = withAssignment(created as never, ['L/E/1'], T1) as TariffRecord;
    const gone = deleted({ ...assigned, seedHash: 'h' }, T1);
    expect(isLive(gone)).toBe(false);
    expect(gone).toMatchObject({ tariff: null, appliesTo: [], seedHash: 'h', countryCode: 'NL' });
    const again = withTariff(gone, input(), T1);
    expect(again).toMatchObject({ appliesTo: [], seedHash: 'h' });
    expect(isLive(again)).toBe(true);
  });
});
