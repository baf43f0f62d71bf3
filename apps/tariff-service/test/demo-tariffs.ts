import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO_DIR = join(__dirname, '../../../libs/tariff-engine/test/vectors/demo');

/** A demo tariff of libs/tariff-engine as raw JSON (a fresh copy per call). */
export function demoTariff(
  name: 'simple-per-kwh' | 'kwh-time-parking-time-of-day' | 'flat-step-size' | 'preauthorized-max-price.v230',
): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEMO_DIR, `${name}.tariff.json`), 'utf8')) as Record<string, unknown>;
}
