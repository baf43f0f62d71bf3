import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The spec-vector manifest (test/vectors/spec-vectors.json): each entry names a tariff and a CDR whose totals are the expectation. */
export interface SpecVector {
  readonly id: string;
  readonly title: string;
  readonly tariff: string;
  readonly cdr: string;
  readonly time_zone: string;
  readonly tariff_version?: '2.2.1' | '2.3.0';
  readonly options?: { readonly stepSizeBasis?: 'BILLED' | 'TOTAL' };
}

export const VECTORS_DIR = join(__dirname, 'vectors');

export function loadSpecVectors(): SpecVector[] {
  return JSON.parse(readFileSync(join(VECTORS_DIR, 'spec-vectors.json'), 'utf8')) as SpecVector[];
}

export function readVectorJson(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(VECTORS_DIR, relativePath), 'utf8')) as Record<string, unknown>;
}

/** The CDR fields holding expected costs, and the engine's names for them. */
export const COST_FIELDS = [
  ['total_cost', 'total'],
  ['total_energy_cost', 'energy'],
  ['total_time_cost', 'time'],
  ['total_parking_cost', 'parking'],
  ['total_fixed_cost', 'fixed'],
  ['total_reservation_cost', 'reservation'],
] as const;

/** Expected {excl, incl} of an OCPI Price of either version, as decimal strings; incl undefined when not stated. */
export function expectedPrice(price: unknown): { excl: string; incl: string | undefined } {
  const p = price as Record<string, unknown>;
  if ('before_taxes' in p) {
    const taxes = (p['taxes'] as { amount: number }[] | undefined) ?? [];
    const before = String(p['before_taxes']);
    const sum = taxes.reduce(
      (s, t) => s + Math.round(t.amount * 10_000),
      Math.round(Number(before) * 10_000),
    );
    return { excl: before, incl: (sum / 10_000).toString() };
  }
  return {
    excl: String(p['excl_vat']),
    incl: p['incl_vat'] === undefined ? undefined : String(p['incl_vat']),
  };
}
