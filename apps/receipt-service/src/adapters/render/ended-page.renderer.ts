import { secondsBetween } from '../../domain/format/display.formatter';
import { formatMoney } from '../../domain/format/money.formatter';
import type { Messages } from '../../domain/i18n/messages';
import type { ReceiptState } from '../../domain/receipt';
import { dlRow, esc } from './html';
import { formatterFor, receiptLinks, type PageContext } from './page-context';
import { renderShell } from './page-shell.renderer';

type Step = 'done' | 'pending' | 'failed';

/** After the session ended and before the invoice: the figures known so far and what is still pending. */
export function renderEndedPage(r: ReceiptState, ctx: PageContext): string {
  const m = ctx.locale.messages;
  const fmt = formatterFor(ctx, r.cdr?.location.timeZone);
  const s = r.session;
  const notStarted = s?.state === 'REJECTED' || s?.state === 'FAILED';
  const rows: string[] = [];
  if (r.cdr) {
    const c = r.cdr;
    rows.push(dlRow(m.energy, `${fmt.decimal(c.totalEnergyKwh, 2)} ${m.kwh}`));
    rows.push(dlRow(m.duration, fmt.duration(secondsBetween(c.startedAt, c.endedAt), units(m))));
    rows.push(dlRow(m.costFinal, formatMoney(c.total.inclVat ?? c.total.exclVat, c.currency, fmt.locale)));
  } else if (s) {
    rows.push(dlRow(m.energy, `${fmt.kwhFromWh(s.energyWh)} ${m.kwh}`));
    rows.push(
      dlRow(m.duration, fmt.duration(secondsBetween(s.startedAt, s.endedAt ?? s.lastUpdated), units(m))),
    );
    rows.push(dlRow(m.costFinal, formatMoney(s.cost.inclVat, s.cost.currency, fmt.locale)));
  }
  if (s) rows.push(dlRow(m.limit, formatMoney(s.limitInclVat.amount, s.limitInclVat.currency, fmt.locale)));
  const start = r.cdr?.startedAt ?? s?.startedAt;
  const end = r.cdr?.endedAt ?? s?.endedAt;
  if (start) rows.push(dlRow(m.start, fmt.dateTimeOf(start)));
  if (end) rows.push(dlRow(m.end, fmt.dateTimeOf(end)));

  const payment: Step = !r.payment ? 'pending' : r.payment.captureStatus === 'FAILED' ? 'failed' : 'done';
  const steps: Array<[string, Step]> = [
    [m.pendingItems.cdr, r.cdr ? 'done' : 'pending'],
    [m.pendingItems.payment, payment],
    [m.pendingItems.invoice, 'pending'],
  ];
  const stepsHtml = notStarted
    ? ''
    : `<section class="card" aria-labelledby="next-title">
<h2 id="next-title">${esc(m.pendingHeading)}</h2>
<ul class="steps">
${steps.map(([label, st]) => `<li><span>${esc(label)}</span><span class="badge ${st}">${esc(m.pendingStates[st])}</span></li>`).join('\n')}
</ul>
<noscript><p class="muted">${esc(m.noscriptRefresh)}</p></noscript>
</section>`;
  const links = receiptLinks(r.authorizationReference, ctx.locale.locale, 'ended');
  const body = `<section class="card" aria-labelledby="title" data-events="${esc(links.events)}">
<h1 id="title">${esc(m.endedTitle)}</h1>
<p class="lead">${esc(notStarted ? m.notStartedLead : m.endedLead)}</p>
${rows.length ? `<dl class="facts">${rows.join('')}</dl>` : ''}
</section>
${stepsHtml}`;
  return renderShell({
    messages: m,
    title: m.endedTitle,
    body,
    live: !notStarted,
    reference: r.authorizationReference,
  });
}

const units = (m: Messages) => ({ h: m.hours, min: m.minutes });
