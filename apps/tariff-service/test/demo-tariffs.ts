import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO_DIR = join(__dirname, '../../../libs/tariff-engine/test/vectors/demo');

/** A demo tariff of libs/tariff-engine as raw JSON (a fresh copy per call). */
export function demoTariff(
  name: 'simple-per-kwh' | 'kwh-time-parking-time-of-day' | 'flat-step-size' | 'preauthorized-max-price.v230',
): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEMO_DIR, `${name}.tariff.json`), 'utf8')) as Record<string, unknown>;
}

/** The same JSON with its first price component at `price` (to make "changed content"). */
export function withFirstPrice<T extends Record<string, unknown>>(json: T, price: number): T {
  const first = (json['elements'] as { price_components?: { price: number }[] }[] | undefined)?.[0]
    ?.price_components?.[0];
  if (!first) throw new Error('demo tariff without a price component');
  first.price = price;
  return json;
}
