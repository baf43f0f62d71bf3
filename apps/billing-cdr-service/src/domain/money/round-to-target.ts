import type Decimal from 'decimal.js';
import { Dec, dec, ZERO } from './money';

/**
 * Rounds exact amounts to `digits` decimals so that they add up to `target` exactly (largest remainder):
 * every value is floored, then the units still missing go to the values that lost the most. The
 * target must lie within the rounding slack of the exact sum (it does when it is the rounded sum, or the
 * exact sum itself). Used for invoice lines, whose cents must add up to what left the card.
 */
export function roundToTarget(values: readonly Decimal[], target: Decimal, digits: number): Decimal[] {
  const unit = dec(1).div(dec(10).pow(digits));
  const floors = values.map((v) => v.toDecimalPlaces(digits, Dec.ROUND_FLOOR));
  const sumFloors = floors.reduce((s, v) => s.plus(v), ZERO);
  const missing = target.minus(sumFloors).div(unit);
  if (!missing.isInteger() || missing.lt(0) || missing.gt(values.length)) {
    throw new RangeError(
      `cannot round ${values.length} amounts summing to ${values.reduce((s, v) => s.plus(v), ZERO).toFixed()} to ${target.toFixed()}`,
    );
  }
  const order = values
    .map((v, i) => ({ i, remainder: v.minus(floors[i] as Decimal) }))
    .sort((a, b) => b.remainder.cmp(a.remainder) || a.i - b.i);
  const out = [...floors];
  for (let k = 0; k < missing.toNumber(); k++) {
    const at = (order[k] as { i: number }).i;
    out[at] = (out[at] as Decimal).plus(unit);
  }
  return out;
}
