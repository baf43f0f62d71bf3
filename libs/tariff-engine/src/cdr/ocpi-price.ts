import type { Amount } from '../pricing/session-price.types';
import type { OcpiVersion } from '../tariff/ocpi-tariff.types';

/** OCPI 2.2.1 Price with decimal strings. */
export interface OcpiPrice221Text {
  readonly excl_vat: string;
  readonly incl_vat: string;
}

/** OCPI 2.3.0 Price with decimal strings. */
export interface OcpiPrice230Text {
  readonly before_taxes: string;
  readonly taxes: readonly { readonly name: string; readonly percentage?: string; readonly amount: string }[];
}

/** An amount as an OCPI Price of the tariff's version (decimal strings; write them as JSON numbers on the wire). */
export function toOcpiPrice(amount: Amount, version: OcpiVersion): OcpiPrice221Text | OcpiPrice230Text {
  if (version === '2.2.1') return { excl_vat: amount.exclVat, incl_vat: amount.inclVat };
  return {
    before_taxes: amount.exclVat,
    taxes: amount.taxes.map((t) => ({
      name: t.name,
      ...(t.percentage !== undefined ? { percentage: t.percentage } : {}),
      amount: t.amount,
    })),
  };
}
