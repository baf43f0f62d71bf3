import { REPO_ROOT } from '@tapcharge/testing';
import Decimal from 'decimal.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  aSessionCompleted,
  CPO,
  demoTariff,
  demoTariffPath,
  DEMO_LOCATION,
  type ChargeShape,
} from '../../../test/builders';
import { buildCdr } from './cdr-builder';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'billing-cdr-'));

type Price = {
  excl_vat?: number;
  incl_vat?: number;
  before_taxes?: number;
  taxes?: Array<{ amount: number }>;
};
const incl = (p: Price) =>
  p.incl_vat !== undefined
    ? new Decimal(p.incl_vat)
    : (p.taxes ?? []).reduce((s, t) => s.plus(t.amount), new Decimal(p.before_taxes ?? 0));
const excl = (p: Price) => new Decimal(p.excl_vat ?? p.before_taxes ?? 0);
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** The operator CLI of the tariff engine, as an operator runs it: `npm run -s tariff -- price`. */
async function tariffCliPrice(
  name: string,
  tariffPath: string,
  cdr: Record<string, unknown>,
): Promise<Record<string, Price>> {
  const cdrPath = join(dir, `${name}.cdr.json`);
  writeFileSync(cdrPath, JSON.stringify(cdr));
  const { stdout } = await run(
    'npm',
    ['run', '-s', 'tariff', '--', 'price', '--tariff', tariffPath, '--cdr', cdrPath],
    {
      cwd: REPO_ROOT,
      timeout: 45_000,
    },
  );
  return JSON.parse(stdout) as Record<string, Price>;
}

const cases: Array<{
  name: string;
  tariff: Parameters<typeof demoTariff>[0];
  version: '2.2.1' | '2.3.0';
  charge: ChargeShape;
}> = [
  {
    name: 'simple',
    tariff: 'simple',
    version: '2.2.1',
    charge: { start: '2026-03-10T10:00:00Z', minutes: 47, powerW: 7_400, intervalS: 30 },
  },
  {
    name: 'time-of-day across 23:00 with parking',
    tariff: 'timeOfDay',
    version: '2.2.1',
    charge: { start: '2026-03-10T21:17:00Z', minutes: 83, powerW: 11_000, intervalS: 60, idleMinutes: 37 },
  },
  {
    name: 'flat + step size',
    tariff: 'flatStep',
    version: '2.2.1',
    charge: { start: '2026-03-14T08:03:00Z', minutes: 29, powerW: 22_000, intervalS: 15 },
  },
  {
    name: 'pre-authorised 2.3.0',
    tariff: 'preauth230',
    version: '2.3.0',
    charge: { start: '2026-03-15T18:00:00Z', minutes: 95, powerW: 11_000, intervalS: 60 },
  },
];

describe('CDR totals equal the tariff CLI for the same session (issue 7 acceptance)', () => {
  it.each(cases)(
    '$name: total_cost and every dimension cost, to the cent',
    async ({ name, tariff, version, charge }) => {
      const { cdr, capped } = buildCdr({
        session: aSessionCompleted({ tariff: demoTariff(tariff), ocpiVersion: version, charge }),
        cpo: CPO,
        location: DEMO_LOCATION,
        locationKnown: true,
        invoiceCreator: 'CPO',
        now: new Date('2026-03-16T00:00:00Z'),
      });
      expect(capped).toBe(false);
      const cli = await tariffCliPrice(name.replace(/\W+/g, '-'), demoTariffPath(tariff), cdr);
      for (const key of [
        'total_cost',
        'total_energy_cost',
        'total_time_cost',
        'total_parking_cost',
        'total_fixed_cost',
      ]) {
        const ours = (cdr[key] as Price | undefined) ?? { excl_vat: 0, incl_vat: 0 };
        const theirs = cli[key] as Price;
        expect([key, cents(excl(ours)), cents(incl(ours))]).toEqual([
          key,
          cents(excl(theirs)),
          cents(incl(theirs)),
        ]);
      }
      expect(incl(cdr['total_cost'] as Price).gt(0)).toBe(true);
    },
    60_000,
  );

  it('a capped CDR bills the authorised amount, below what the tariff gives for the metered session', async () => {
    const { cdr, capped } = buildCdr({
      session: aSessionCompleted({ limitInclVat: { amount: '5.00', currency: 'EUR' } }),
      cpo: CPO,
      location: DEMO_LOCATION,
      locationKnown: true,
      invoiceCreator: 'CPO',
      now: new Date('2026-03-16T00:00:00Z'),
    });
    expect(capped).toBe(true);
    const cli = await tariffCliPrice('capped', demoTariffPath('simple'), cdr);
    expect(cents(incl(cdr['total_cost'] as Price))).toBe('5.00');
    expect(cents(incl(cli['total_cost'] as Price))).toBe('6.37');
  }, 60_000);
});
