import { dec, toOcpi4, ZERO } from '../money/money';
import type { AmountText } from './cdr-summary';

/**
 * Caps an amount at the authorised amount incl. VAT. The gross becomes exactly the limit; the net and each
 * tax shrink by the same factor (the tax mix of the session is kept), and the last tax line takes the
 * rounding so that net + taxes = limit exactly. Amounts within the limit are returned unchanged.
 */
export function capAtLimit(
  amount: AmountText,
  limitInclVat: string,
): { amount: AmountText; capped: boolean } {
  const limit = dec(limitInclVat);
  const incl = dec(amount.inclVat);
  if (incl.lte(limit)) return { amount, capped: false };
  const factor = limit.div(incl);
  const inclText = toOcpi4(limit);
  if (amount.taxes.length === 0)
    return { amount: { exclVat: inclText, inclVat: inclText, taxes: [] }, capped: true };
  const exclText = toOcpi4(dec(amount.exclVat).times(factor));
  let remaining = dec(inclText).minus(exclText);
  const taxes = amount.taxes.map((t, i) => {
    const value = i === amount.taxes.length - 1 ? remaining : dec(toOcpi4(dec(t.amount).times(factor)));
    remaining = remaining.minus(value);
    return { ...t, amount: toOcpi4(value) };
  });
  if (!remaining.eq(ZERO)) throw new RangeError('tax lines do not add up after capping');
  return { amount: { exclVat: exclText, inclVat: inclText, taxes }, capped: true };
}
