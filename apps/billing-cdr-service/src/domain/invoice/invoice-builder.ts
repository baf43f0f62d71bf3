import type Decimal from 'decimal.js';
import type { CdrSummary } from '../cdr/cdr-summary';
import { dec, fixed, minorDigits, quantityText, ZERO } from '../money/money';
import { roundToTarget } from '../money/round-to-target';
import { adjustmentLines, dimensionLines, type ExactLine } from './invoice-lines';
import type { InvoiceDocument, Seller } from './invoice.types';

export interface BuildInvoiceInput {
  number: string;
  cdr: CdrSummary;
  sessionId: string;
  authorizationReference: string;
  /** What the PTP captured at its PSP, incl. VAT (FAC total_costs). */
  capturedInclVat: string;
  eftData: readonly string[];
  seller: Seller;
  issuedAt: string;
}

/** What the invoice totals: the CDR total in the currency's minor units, or less when less was captured. */
export function invoiceTotal(cdr: CdrSummary, capturedInclVat: string): Decimal {
  const digits = minorDigits(cdr.currency);
  const due = dec(cdr.total.inclVat).toDecimalPlaces(digits);
  const captured = dec(capturedInclVat).toDecimalPlaces(digits);
  return captured.lt(due) ? (captured.lt(0) ? ZERO : captured) : due;
}

/**
 * The invoice for a captured session. Lines are the CDR's priced dimensions (per VAT rate) plus explicit
 * adjustments: the tariff's min/max price, the cap at the authorised amount, and the part a partial
 * capture did not collect. Amounts are rounded to the currency's minor unit so that the lines add up to
 * the invoice total exactly (largest remainder); VAT is computed per rate on that rate's gross total, and
 * each rate's net is spread over its lines the same way. The EFT lines are printed exactly as received.
 */
export function buildInvoice(input: BuildInvoiceInput): InvoiceDocument {
  const { cdr } = input;
  const digits = minorDigits(cdr.currency);
  const target = invoiceTotal(cdr, input.capturedInclVat);

  const base = dimensionLines(cdr);
  const baseGross = base.reduce((s, l) => s.plus(l.gross), ZERO);
  const priced = dec(cdr.pricedTotal.inclVat);
  const billed = dec(cdr.total.inclVat);
  const tariffLimit = cdr.minPriceApplied || cdr.maxPriceApplied ? priced.minus(baseGross) : ZERO;
  const lines: ExactLine[] = [
    ...base,
    ...adjustmentLines(
      cdr.minPriceApplied ? 'Tariff minimum price' : 'Tariff maximum price',
      tariffLimit,
      base,
      cdr.total,
    ),
    ...adjustmentLines('Capped at the authorised amount', billed.minus(priced), base, cdr.total),
    ...adjustmentLines(
      'Not captured by the payment terminal (partial payment)',
      target.lt(billed.toDecimalPlaces(digits)) ? target.minus(billed) : ZERO,
      base,
      cdr.total,
    ),
  ];
  const gross = roundToTarget(
    lines.map((l) => l.gross),
    target,
    digits,
  );

  const rates = new Map<string, { rate: Decimal; idx: number[] }>();
  lines.forEach((l, i) => {
    const k = l.rate.toFixed();
    const r = rates.get(k) ?? { rate: l.rate, idx: [] };
    r.idx.push(i);
    rates.set(k, r);
  });
  const net: Decimal[] = lines.map(() => ZERO);
  const vatBreakdown = [...rates.values()]
    .sort((a, b) => a.rate.cmp(b.rate))
    .map(({ rate, idx }) => {
      const factor = dec(100).div(dec(100).plus(rate));
      const rateGross = idx.reduce((s, i) => s.plus(gross[i] as Decimal), ZERO);
      const rateBase = rateGross.times(factor).toDecimalPlaces(digits);
      const nets = roundToTarget(
        idx.map((i) => (gross[i] as Decimal).times(factor)),
        rateBase,
        digits,
      );
      idx.forEach((i, j) => (net[i] = nets[j] as Decimal));
      return { rate, base: rateBase, vat: rateGross.minus(rateBase) };
    });

  const money = (v: Decimal) => fixed(v, digits);
  const totalExcl = vatBreakdown.reduce((s, r) => s.plus(r.base), ZERO);
  const totalVat = vatBreakdown.reduce((s, r) => s.plus(r.vat), ZERO);
  return {
    invoiceNumber: input.number,
    kind: 'INVOICE',
    sessionId: input.sessionId,
    authorizationReference: input.authorizationReference,
    cdrId: cdr.id,
    currency: cdr.currency,
    lines: lines
      .map((l, i) => ({
        description: l.description,
        quantity: quantityText(l.quantity),
        unit: l.unit,
        exclVat: money(net[i] as Decimal),
        vatRate: quantityText(l.rate),
        vat: money((gross[i] as Decimal).minus(net[i] as Decimal)),
        inclVat: money(gross[i] as Decimal),
      }))
      .filter((l, i) => !(gross[i] as Decimal).isZero() || !(lines[i] as ExactLine).gross.isZero()),
    vatBreakdown: vatBreakdown.map((r) => ({
      rate: quantityText(r.rate),
      base: money(r.base),
      vat: money(r.vat),
    })),
    totalExclVat: money(totalExcl),
    totalVat: money(totalVat),
    totalInclVat: money(target),
    eftData: [...input.eftData],
    seller: { ...input.seller },
    issuedAt: input.issuedAt,
  };
}
