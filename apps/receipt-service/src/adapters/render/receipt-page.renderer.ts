import { secondsBetween } from '../../domain/format/display.formatter';
import { formatMoney } from '../../domain/format/money.formatter';
import {
  COST_COMPONENTS,
  creditNotesFor,
  type CdrFacts,
  type InvoiceFacts,
  type ReceiptState,
} from '../../domain/receipt';
import { dlRow, esc } from './html';
import { formatterFor, receiptLinks, type PageContext } from './page-context';
import { renderShell } from './page-shell.renderer';

/**
 * The receipt once the invoice exists: where and when, how much energy, the price per component from the
 * CDR, VAT and totals from the invoice, the EFT lines exactly as the terminal sent them, and the PDF.
 */
export function renderReceiptPage(r: ReceiptState, invoice: InvoiceFacts, ctx: PageContext): string {
  const m = ctx.locale.messages;
  const cdr = r.cdr;
  const fmt = formatterFor(ctx, cdr?.location.timeZone);
  const money = (amount: string) => formatMoney(amount, invoice.currency, fmt.locale);
  const links = receiptLinks(r.authorizationReference, ctx.locale.locale, 'receipt');

  const where: string[] = [];
  const start = cdr?.startedAt ?? r.session?.startedAt;
  const end = cdr?.endedAt ?? r.session?.endedAt;
  if (cdr) {
    const loc = cdr.location;
    const place = [loc.name, loc.address, [loc.postalCode, loc.city].filter(Boolean).join(' '), loc.country]
      .filter((p): p is string => Boolean(p))
      .join(', ');
    if (place) where.push(dlRow(m.location, place));
    if (loc.evseId) where.push(dlRow(m.evse, loc.evseId));
    const connector = loc.connectorId ?? r.session?.connectorId;
    if (connector) where.push(dlRow(m.connector, connector));
  } else if (r.session) {
    where.push(dlRow(m.connector, r.session.connectorId));
  }
  if (start) where.push(dlRow(m.start, fmt.dateTimeOf(start)));
  if (end) where.push(dlRow(m.end, fmt.dateTimeOf(end)));
  if (start && end)
    where.push(dlRow(m.duration, fmt.duration(secondsBetween(start, end), { h: m.hours, min: m.minutes })));
  const energy = cdr
    ? fmt.decimal(cdr.totalEnergyKwh, 2)
    : r.session
      ? fmt.kwhFromWh(r.session.energyWh)
      : undefined;
  if (energy) where.push(dlRow(m.energy, `${energy} ${m.kwh}`));

  const credits = creditNotesFor(r, invoice.invoiceNumber);
  const notice = credits.length
    ? `<p class="notice" role="note">${esc(m.creditNoteNotice(credits.map((c) => c.invoiceNumber).join(', ')))}</p>`
    : '';

  const body = `<section class="card" aria-labelledby="title">
<h1 id="title">${esc(m.receiptTitle)}</h1>
${notice}<dl class="facts">
${dlRow(m.invoiceNumber, invoice.invoiceNumber)}
${dlRow(m.invoiceDate, fmt.dateTimeOf(invoice.issuedAt))}
${dlRow(m.total, money(invoice.totalInclVat))}
</dl>
</section>
<section class="card" aria-labelledby="where-title">
<h2 id="where-title">${esc(m.charger)}</h2>
<dl class="facts">${where.join('\n')}</dl>
</section>
<section class="card" aria-label="${esc(m.breakdownCaption)}">
${breakdownTable(cdr, invoice, ctx, money)}
</section>
<section class="card" aria-label="${esc(m.vatBreakdownCaption)}">
${vatTable(invoice, ctx, money)}
</section>
<section class="card" aria-labelledby="payment-title">
<h2 id="payment-title">${esc(m.paymentHeading)}</h2>
<ul class="eft">
${invoice.eftData.map((line) => `<li>${esc(line)}</li>`).join('\n')}
</ul>
</section>
<section class="card" aria-labelledby="seller-title">
<h2 id="seller-title">${esc(m.seller)}</h2>
<p>${esc(invoice.seller.name)}<br>${esc(invoice.seller.address)}<br>${esc(m.vatNumber)}: ${esc(invoice.seller.vatNumber)}</p>
<p><a class="button" href="${esc(links.pdf)}" download>${esc(m.downloadPdf)}</a></p>
</section>`;
  return renderShell({ messages: m, title: m.receiptTitle, body, reference: r.authorizationReference });
}

function breakdownTable(
  cdr: CdrFacts | undefined,
  invoice: InvoiceFacts,
  ctx: PageContext,
  money: (a: string) => string,
): string {
  const m = ctx.locale.messages;
  const rows: string[] = [];
  if (cdr) {
    for (const c of COST_COMPONENTS) {
      const p = cdr.components[c];
      if (!p) continue;
      rows.push(
        `<tr><th scope="row">${esc(m.components[c])}</th><td class="num">${esc(money(p.exclVat))}</td><td class="num">${p.inclVat !== undefined ? esc(money(p.inclVat)) : '—'}</td></tr>`,
      );
    }
  }
  if (rows.length === 0) {
    // No CDR components known: the invoice lines are the breakdown.
    for (const l of invoice.lines) {
      rows.push(
        `<tr><th scope="row">${esc(l.description)}</th><td class="num">${esc(money(l.exclVat))}</td><td class="num">${esc(money(l.inclVat))}</td></tr>`,
      );
    }
  }
  return `<table>
<caption>${esc(m.breakdownCaption)}</caption>
<thead><tr><th scope="col">${esc(m.component)}</th><th scope="col" class="num">${esc(m.exclVat)}</th><th scope="col" class="num">${esc(m.inclVat)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>
<tr><th scope="row">${esc(m.total)} ${esc(m.exclVat)}</th><td></td><td class="num">${esc(money(invoice.totalExclVat))}</td></tr>
<tr><th scope="row">${esc(m.vat)}</th><td></td><td class="num">${esc(money(invoice.totalVat))}</td></tr>
<tr class="grand"><th scope="row">${esc(m.total)}</th><td></td><td class="num">${esc(money(invoice.totalInclVat))}</td></tr>
</tfoot>
</table>`;
}

function vatTable(invoice: InvoiceFacts, ctx: PageContext, money: (a: string) => string): string {
  const m = ctx.locale.messages;
  const fmt = formatterFor(ctx);
  return `<table>
<caption>${esc(m.vatBreakdownCaption)}</caption>
<thead><tr><th scope="col">${esc(m.vatRate)}</th><th scope="col" class="num">${esc(m.exclVat)}</th><th scope="col" class="num">${esc(m.vat)}</th></tr></thead>
<tbody>
${invoice.vatBreakdown
  .map(
    (v) =>
      `<tr><th scope="row">${esc(fmt.percent(v.rate))}</th><td class="num">${esc(money(v.base))}</td><td class="num">${esc(money(v.vat))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
}
