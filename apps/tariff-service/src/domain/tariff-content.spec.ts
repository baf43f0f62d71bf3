import type { OcpiTariff } from '@tapcharge/tariff-engine';
import { demoTariff, withFirstPrice } from '../../test/demo-tariffs';
import { canonicalJson, contentHash } from './tariff-content';

const tariff = () => demoTariff('simple-per-kwh') as unknown as OcpiTariff;

describe('contentHash (what "unchanged" means)', () => {
  it('ignores last_updated, key order, and the order and case of connectors', () => {
    const a = contentHash(tariff(), ['L/E1/1', 'L/E2/1']);
    const reordered = Object.fromEntries(Object.entries(tariff()).reverse()) as unknown as OcpiTariff;
    expect(contentHash({ ...reordered, last_updated: '2030-01-01T00:00:00Z' }, ['l/e2/1', 'L/E1/1'])).toBe(a);
  });

  it('changes with a price, a component, or the connectors', () => {
    const base = contentHash(tariff(), ['L/E1/1']);
    const t = withFirstPrice(demoTariff('simple-per-kwh'), 0.5) as unknown as OcpiTariff;
    expect(contentHash(t, ['L/E1/1'])).not.toBe(base);
    expect(contentHash(tariff(), ['L/E1/1', 'L/E2/1'])).not.toBe(base);
    expect(contentHash(tariff(), [])).not.toBe(base);
  });

  it('canonicalJson sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }, 3], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1},3]}');
  });
});
