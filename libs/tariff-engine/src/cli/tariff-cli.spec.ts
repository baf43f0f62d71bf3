import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Decimal } from '../money/decimal';
import {
  COST_FIELDS,
  VECTORS_DIR,
  expectedPrice,
  loadSpecVectors,
  readVectorJson,
} from '../../test/spec-vectors';

const ROOT = resolve(__dirname, '../../../..');
const CLI = 'libs/tariff-engine/src/cli/tariff-cli.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the real CLI the way `npm run tariff` does. */
function runCli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', CLI, ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const vectors = loadSpecVectors();

describe('tariff CLI (spawned process)', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    const results = await inParallel(vectors, 4, (v) =>
      runCli([
        'price',
        '--tariff',
        join(VECTORS_DIR, v.tariff),
        '--cdr',
        join(VECTORS_DIR, v.cdr),
        '--time-zone',
        v.time_zone,
        ...(v.tariff_version ? ['--tariff-version', v.tariff_version] : []),
        ...(v.options?.stepSizeBasis ? ['--step-size-basis', v.options.stepSizeBasis.toLowerCase()] : []),
      ]),
    );
    vectors.forEach((v, i) => runs.set(v.id, results[i] as Run));
  }, 300_000);

  it.each(vectors.map((v) => [`${v.id} ${v.title}`, v] as const))(
    'prints the CDR totals for %s',
    (_name, vector) => {
      const run = runs.get(vector.id) as Run;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as Record<string, unknown>;
      const cdr = readVectorJson(vector.cdr);
      for (const [field] of COST_FIELDS) {
        if (cdr[field] === undefined) continue;
        const want = expectedPrice(cdr[field]);
        const got = expectedPrice(out[field]);
        expect({ field, excl: new Decimal(got.excl).toFixed(4) }).toEqual({
          field,
          excl: new Decimal(want.excl).toFixed(4),
        });
        if (want.incl !== undefined) {
          expect({ field, incl: new Decimal(got.incl ?? 'NaN').toFixed(4) }).toEqual({
            field,
            incl: new Decimal(want.incl).toFixed(4),
          });
        }
      }
      expect(new Decimal(String(out['total_energy'])).eq(String(cdr['total_energy']))).toBe(true);
    },
  );

  it('writes amounts as exact 4-decimal JSON numbers in the OCPI Price shape of the tariff version', async () => {
    const run = await runCli([
      'price',
      '--tariff',
      join(VECTORS_DIR, 'tariffs/tariff_3_alt_url.json'),
      '--cdr',
      join(VECTORS_DIR, 'cdrs/V09.cdr.json'),
      '--time-zone',
      'UTC',
    ]);
    expect(run.stdout).toContain('"total_cost": {\n    "excl_vat": 5.6250,\n    "incl_vat": 6.2375\n  }');
  });

  it('rejects a malformed tariff with exit code 2 and every bad field on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-cli-'));
    const bad = join(dir, 'bad-tariff.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...readVectorJson('tariffs/tariff_8_simple_025kwh.json'),
        currency: 'EURO',
        elements: [{ price_components: [{ type: 'ENERGY', price: -1, step_size: 1.5 }] }],
      }),
    );
    const run = await runCli(['price', '--tariff', bad, '--cdr', join(VECTORS_DIR, 'cdrs/V01.cdr.json')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('currency: must be an ISO 4217 code');
    expect(run.stderr).toContain('elements[0].price_components[0].price: must be >= 0');
    expect(run.stderr).toContain('elements[0].price_components[0].step_size: must be an integer');
  });

  it('rejects unknown commands and missing files with exit code 2', async () => {
    const unknown = await runCli(['quote']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "quote"');
    const missing = await runCli([
      'price',
      '--tariff',
      'nope.json',
      '--cdr',
      join(VECTORS_DIR, 'cdrs/V01.cdr.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read tariff file nope.json');
  });

  it('display prints the terminal view in the requested locale', async () => {
    const run = await runCli([
      'display',
      '--tariff',
      join(VECTORS_DIR, 'tariffs/tariff_2_alt_text.json'),
      '--locale',
      'nl-NL',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { altText: { language: string }; time: { priceInclVat: string } };
    expect(out.altText.language).toBe('nl');
    expect(out.time.priceInclVat).toBe('1.9988');
  });
});
