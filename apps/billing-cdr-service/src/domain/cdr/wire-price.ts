import { toOcpiPrice } from '@tapcharge/tariff-engine';
import type { AmountText } from './cdr-summary';

export type OcpiVersion = '2.2.1' | '2.3.0';

/**
 * An OCPI Price in the peer's version shape, with JSON numbers as OCPI requires on the wire. The amounts are
 * decimal strings with at most 4 decimals, which a double represents and prints back digit for digit; no
 * arithmetic is ever done on these numbers.
 */
export function wirePrice(amount: AmountText, version: OcpiVersion): Record<string, unknown> {
  const p = toOcpiPrice(amount, version);
  if ('excl_vat' in p) return { excl_vat: Number(p.excl_vat), incl_vat: Number(p.incl_vat) };
  return {
    before_taxes: Number(p.before_taxes),
    ...(p.taxes.length > 0
      ? {
          taxes: p.taxes.map((t) => ({
            name: t.name,
            ...(t.percentage !== undefined ? { percentage: Number(t.percentage) } : {}),
            amount: Number(t.amount),
          })),
        }
      : {}),
  };
}

/** OCPI DateTime: UTC with `Z`, milliseconds only when set. */
export function ocpiDateTime(at: string | Date): string {
  const iso = new Date(at).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
