import { liveFigures } from '../../domain/live-figures';
import type { SessionFacts } from '../../domain/receipt';
import { dlRow, esc } from './html';
import { formatterFor, receiptLinks, type PageContext } from './page-context';
import { renderShell } from './page-shell.renderer';

/**
 * The live page: the last known figures rendered on the server (complete without JavaScript), updated in
 * place by the inline script from server-sent events.
 */
export function renderLivePage(reference: string, s: SessionFacts, ctx: PageContext): string {
  const m = ctx.locale.messages;
  const f = liveFigures(s, formatterFor(ctx), m);
  const lead = s.state === 'ACTIVE' ? m.liveLead : s.state === 'STOPPING' ? m.stoppingLead : m.startingLead;
  const links = receiptLinks(reference, ctx.locale.locale, 'live');
  const body = `<section class="card" aria-labelledby="title" data-events="${esc(links.events)}">
<h1 id="title">${esc(m.liveTitle)}</h1>
<p class="lead">${esc(lead)}</p>
<p class="status"><span class="dot" aria-hidden="true"></span><span data-field="status" aria-live="polite">${esc(f.status)}</span></p>
<h2 class="sr-only">${esc(m.figures)}</h2>
<dl class="figures">
${dlRow(m.energy, f.energy, 'energy')}
${dlRow(m.duration, f.duration, 'duration')}
${dlRow(m.costSoFar, f.cost, 'cost')}
${dlRow(m.limit, f.limit, 'limit')}
</dl>
<p class="muted"><span data-field="updated">${esc(f.updated)}</span> · <span id="live-state" data-live="${esc(m.liveUpdating)}" data-lost="${esc(m.liveDisconnected)}"></span></p>
</section>
<section class="card" aria-labelledby="limit-title">
<h2 id="limit-title">${esc(m.limit)}</h2>
<p>${esc(m.limitNote(f.limit))}</p>
<dl class="facts">${dlRow(m.connector, s.connectorId)}${dlRow(m.start, formatterFor(ctx).dateTimeOf(s.startedAt))}</dl>
<noscript><p class="muted">${esc(m.noscriptRefresh)}</p></noscript>
</section>`;
  return renderShell({ messages: m, title: m.liveTitle, body, live: true, reference });
}
