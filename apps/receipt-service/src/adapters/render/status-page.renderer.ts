import type { Messages } from '../../domain/i18n/messages';
import { esc } from './html';
import { renderShell } from './page-shell.renderer';

/** Friendly 404 in the same look: no hint whether the reference exists in any other form. */
export function renderNotFoundPage(m: Messages): string {
  const body = `<section class="card" aria-labelledby="title">
<h1 id="title">${esc(m.notFoundTitle)}</h1>
<p class="lead">${esc(m.notFoundBody)}</p>
<p>${esc(m.notFoundHint)}</p>
</section>`;
  return renderShell({ messages: m, title: m.notFoundTitle, body });
}

export function renderTooManyRequestsPage(m: Messages, retryAfterSeconds: number): string {
  const body = `<section class="card" aria-labelledby="title">
<h1 id="title">${esc(m.tooManyTitle)}</h1>
<p class="lead">${esc(m.tooManyBody(retryAfterSeconds))}</p>
</section>`;
  return renderShell({ messages: m, title: m.tooManyTitle, body });
}

/** A failure page that says nothing about the cause (no stack, no ids). */
export function renderErrorPage(m: Messages): string {
  const body = `<section class="card" aria-labelledby="title">
<h1 id="title">${esc(m.errorTitle)}</h1>
<p class="lead">${esc(m.errorBody)}</p>
</section>`;
  return renderShell({ messages: m, title: m.errorTitle, body });
}
