import { Decimal } from '../money/decimal';
import { Rational } from '../money/rational';
import type { CompiledTariff } from '../restrictions/compiled-tariff';
import type { PriceLimit } from '../tariff/tariff.model';
import type { TaxIncluded } from '../tariff/ocpi-tariff.types';

/** A VAT rate shared by components (or none: "no VAT applicable" / N/A tariffs). */
export interface TaxGroup {
  /** Rate as n / d percent; undefined for the no-tax group. */
  readonly rateN: bigint;
  readonly rateD: bigint;
  readonly percentage: string | undefined;
}

/**
 * The tariff in integer money units for the incremental pricer. One unit is 1 / (10^a x 3.6e7) of
 * the currency, where a is the largest number of decimals of any price: then a price times mWh
 * (energy, x36) or ms (time, x10) or once (flat, x3.6e7) is an integer.
 */
export interface FixedPointTariff {
  readonly compiled: CompiledTariff;
  /** Units per currency unit. */
  readonly den: bigint;
  /** Per component id: units per mWh (ENERGY), per ms (TIME, PARKING_TIME) or per use (FLAT). */
  readonly weight: readonly bigint[];
  /** Per component id: index into `groups`. */
  readonly group: readonly number[];
  readonly groups: readonly TaxGroup[];
  /** Per component id: step_size in mWh or ms; 0 = no rounding. */
  readonly step: readonly number[];
  readonly taxIncluded: TaxIncluded;
  /**
   * Gross total = sum over groups of basis x inclWeight[g], over inclDen: the hot path's total
   * incl. VAT in one multiplication per tax group.
   */
  readonly inclWeight: readonly bigint[];
  readonly inclDen: bigint;
  readonly minPrice: { readonly before: Rational; readonly after: Rational | undefined } | undefined;
  readonly maxPrice: { readonly before: Rational; readonly after: Rational | undefined } | undefined;
}

export function toFixedPoint(compiled: CompiledTariff): FixedPointTariff {
  const tariff = compiled.tariff;
  const decimals = Math.max(0, ...compiled.components.map((c) => c.price.decimalPlaces()));
  const scale = 10n ** BigInt(decimals);
  const den = scale * 36_000_000n;
  const groups: TaxGroup[] = [{ rateN: 0n, rateD: 1n, percentage: undefined }];
  const group = compiled.components.map((c) => {
    if (c.vat === undefined || tariff.taxIncluded === 'N/A') return 0;
    const percentage = c.vat.toFixed();
    const found = groups.findIndex((g) => g.percentage === percentage);
    if (found >= 0) return found;
    const rate = Rational.parse(percentage);
    groups.push({ rateN: rate.n, rateD: rate.d, percentage });
    return groups.length - 1;
  });
  const weight = compiled.components.map((c) => {
    const units = BigInt(c.price.times(new Decimal(10).pow(decimals)).toFixed(0));
    return c.type === 'ENERGY' ? units * 36n : c.type === 'FLAT' ? units * 36_000_000n : units * 10n;
  });
  const step = compiled.components.map((c) => (c.type === 'FLAT' ? 0 : c.stepSize * 1000));
  // Common denominator of all rates (each rate is n / 10^k percent).
  const rateDen = groups.reduce((d, g) => (g.rateD > d ? g.rateD : d), 1n);
  const inclWeight = groups.map((g) =>
    g.percentage === undefined || tariff.taxIncluded !== 'NO'
      ? 100n * rateDen
      : 100n * rateDen + (g.rateN * rateDen) / g.rateD,
  );
  const limit = (l: PriceLimit | undefined) =>
    l && {
      before: Rational.parse(l.beforeTaxes),
      after: l.afterTaxes === undefined ? undefined : Rational.parse(l.afterTaxes),
    };
  return {
    compiled,
    den,
    weight,
    group,
    groups,
    step,
    taxIncluded: tariff.taxIncluded,
    inclWeight,
    inclDen: den * 100n * rateDen,
    minPrice: limit(tariff.minPrice),
    maxPrice: limit(tariff.maxPrice),
  };
}
