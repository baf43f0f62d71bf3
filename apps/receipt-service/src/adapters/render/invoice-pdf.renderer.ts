import PDFDocument from 'pdfkit';
import { secondsBetween } from '../../domain/format/display.formatter';
import { formatMoney } from '../../domain/format/money.formatter';
import type { InvoiceFacts, ReceiptState } from '../../domain/receipt';
import { formatterFor, type PageContext } from './page-context';

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4 portrait in points

/**
 * The invoice as a PDF (A4, PDF's built-in Helvetica: WinAnsi covers €, umlauts and ë). Deterministic: the
 * document dates are the invoice's issue time and no random id is written, so the same invoice gives the
 * same bytes.
 */
export function renderInvoicePdf(r: ReceiptState, invoice: InvoiceFacts, ctx: PageContext): Promise<Buffer> {
  const m = ctx.locale.messages;
  const fmt = formatterFor(ctx, r.cdr?.location.timeZone);
  const money = (a: string) => formatMoney(a, invoice.currency, fmt.locale);
  const issued = new Date(invoice.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${m.invoice} ${invoice.invoiceNumber}`,
      Author: invoice.seller.name,
      CreationDate: issued,
      ModDate: issued,
    },
    lang: m.lang,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(`${m.invoice} ${invoice.invoiceNumber}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(`${m.invoiceDate}: ${fmt.dateTimeOf(invoice.issuedAt)}`);
  doc.text(`${m.reference}: ${r.authorizationReference}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(m.seller);
  doc.font('Helvetica').text(invoice.seller.name).text(invoice.seller.address);
  doc.text(`${m.vatNumber}: ${invoice.seller.vatNumber}`);

  const cdr = r.cdr;
  if (cdr) {
    doc.moveDown();
    doc.font('Helvetica-Bold').text(m.charger);
    doc.font('Helvetica');
    const loc = cdr.location;
    const place = [loc.name, loc.address, [loc.postalCode, loc.city].filter(Boolean).join(' '), loc.country]
      .filter(Boolean)
      .join(', ');
    if (place) doc.text(`${m.location}: ${place}`);
    if (loc.evseId) doc.text(`${m.evse}: ${loc.evseId}`);
    if (loc.connectorId) doc.text(`${m.connector}: ${loc.connectorId}`);
    doc.text(`${m.start}: ${fmt.dateTimeOf(cdr.startedAt)}`);
    doc.text(`${m.end}: ${fmt.dateTimeOf(cdr.endedAt)}`);
    doc.text(
      `${m.duration}: ${fmt.duration(secondsBetween(cdr.startedAt, cdr.endedAt), { h: m.hours, min: m.minutes })}`,
    );
    doc.text(`${m.energy}: ${fmt.decimal(cdr.totalEnergyKwh, 2)} ${m.kwh}`);
  }

  doc.moveDown();
  const cols = [0.44, 0.14, 0.14, 0.14, 0.14].map((f) => f * WIDTH);
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    let bottom = y;
    cells.forEach((cell, i) => {
      const w = cols[i] ?? 0;
      doc.text(cell, x, y, { width: w - 4, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
      x += w;
    });
    doc.x = MARGIN;
    doc.y = bottom + 4;
  };
  doc.font('Helvetica-Bold').fontSize(12).text(m.invoiceLinesCaption);
  doc.fontSize(10).moveDown(0.3);
  row([m.description, m.quantity, m.exclVat, m.vatRate, m.inclVat], true);
  for (const l of invoice.lines) {
    row([
      l.description,
      `${fmt.decimal(l.quantity, 2)} ${l.unit}`,
      money(l.exclVat),
      fmt.percent(l.vatRate),
      money(l.inclVat),
    ]);
  }
  doc.moveDown(0.5);
  row([m.vatBreakdownCaption, '', '', '', ''], true);
  for (const v of invoice.vatBreakdown) row([fmt.percent(v.rate), '', money(v.base), '', money(v.vat)]);
  doc.moveDown(0.5);
  row([`${m.total} ${m.exclVat}`, '', '', '', money(invoice.totalExclVat)]);
  row([m.vat, '', '', '', money(invoice.totalVat)]);
  row([m.total, '', '', '', money(invoice.totalInclVat)], true);

  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(12).text(m.paymentHeading, MARGIN);
  doc.font('Courier').fontSize(10);
  for (const line of invoice.eftData) doc.text(line, { width: WIDTH });
  doc.end();
  return done;
}
