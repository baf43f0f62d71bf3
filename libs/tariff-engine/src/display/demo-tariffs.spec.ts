import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS_DIR, readVectorJson } from '../../test/spec-vectors';
import { priceSession } from '../pricing/session-pricer';
import { parseTariff } from '../tariff/tariff-parser';
import { toOcpiTariff } from '../tariff/tariff-serializer';
import { displayPrice } from './display-price';

const demo = (name: string) => parseTariff(readVectorJson(`demo/${name}`));
const hour = 3_600_000;
const monday = Date.parse('2025-01-06T09:00:00Z');

describe('demo tariffs (test/vectors/demo, copied into deploy/seed)', () => {
  it.each(readdirSync(join(VECTORS_DIR, 'demo')))(
    '%s is a valid OCPI tariff that round-trips strictly',
    (file) => {
      const json = readVectorJson(`demo/${file}`);
      expect(toOcpiTariff(parseTariff(json))).toEqual(json);
    },
  );

  it('simple per kWh: 20 kWh cost 9.752 excl. / 11.7999 incl. 21% VAT', () => {
    const price = priceSession(demo('simple-per-kwh.tariff.json'), {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: monday, energyWh: 0 },
        { timestamp: monday + hour, energyWh: 20_000 },
      ],
    });
    expect(price.total).toMatchObject({ exclVat: '9.7520', inclVat: '11.7999' });
  });

  it('kWh + time + parking: daytime charging and idling are billed, the night rate is energy only', () => {
    const tariff = demo('kwh-time-parking-time-of-day.tariff.json');
    // Monday 21:30-22:30 local: 22 kWh; then parked until 23:30 (only 30 min before 23:00 billed).
    const start = Date.parse('2025-01-06T20:30:00Z');
    const price = priceSession(tariff, {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: start, energyWh: 0, powerW: 22_000 },
        { timestamp: start + hour, energyWh: 22_000, powerW: 0 },
        { timestamp: start + 2 * hour, energyWh: 22_000 },
      ],
    });
    expect(price.energy.exclVat).toBe('12.5400'); // 22 kWh x 0.57
    expect(price.time.exclVat).toBe('1.0000'); // 1 h x 1.00
    expect(price.parking.exclVat).toBe('3.0000'); // 30 min x 6.00
    expect(price.total.inclVat).toBe('20.0134'); // 16.54 x 1.21
  });

  it('flat + step_size: 7.2 kWh is billed as 7.5 kWh plus the start fee', () => {
    const price = priceSession(demo('flat-step-size.tariff.json'), {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: monday, energyWh: 0 },
        { timestamp: monday + hour, energyWh: 7200 },
      ],
    });
    expect(price.billedEnergyKwh).toBe('7.5');
    expect(price.total.exclVat).toBe('3.7605'); // 0.4132 + 7.5 x 0.4463
  });

  it('2.3.0 tax-inclusive with pre-authorisation: capped at max_price, shown with the amount to reserve', () => {
    const tariff = demo('preauthorized-max-price.v230.tariff.json');
    const price = priceSession(tariff, {
      timeZone: 'Europe/Amsterdam',
      meterSamples: [
        { timestamp: monday, energyWh: 0 },
        { timestamp: monday + 2 * hour, energyWh: 100_000 },
      ],
    });
    expect(price.maxPriceApplied).toBe(true);
    expect(price.total).toEqual({
      exclVat: '41.3200',
      inclVat: '50.0000',
      taxes: [{ name: 'VAT', percentage: '21', amount: '8.6800' }],
    });
    const shown = displayPrice(tariff, 'de-DE');
    expect(shown.preauthorizeAmount?.amount).toBe('50.0000');
    expect(shown.energy?.priceInclVat).toBe('0.6500');
    expect(shown.altText?.language).toBe('de');
  });
});
