import type { Messages } from '../../domain/i18n/messages';
import { esc } from './html';
import { LIVE_SCRIPT, PAGE_CSS } from './page-assets';

export interface ShellOptions {
  messages: Messages;
  title: string;
  /** Already-escaped HTML of the `<main>` content. */
  body: string;
  /** Adds the live-update script (and a no-JavaScript refresh). */
  live?: boolean;
  /** Shown in the footer: the reference the driver's terminal printed, so support can find the session. */
  reference?: string;
}

/** The document every page shares: landmarks, skip link, one inline style, optionally the live script. */
export function renderShell(o: ShellOptions): string {
  const m = o.messages;
  const refresh = o.live ? '<noscript><meta http-equiv="refresh" content="30"></noscript>' : '';
  const footer = o.reference
    ? `<footer><p>${esc(m.reference)}: <span class="ref">${esc(o.reference)}</span></p></footer>`
    : '';
  const script = o.live ? `<script>${LIVE_SCRIPT}</script>` : '';
  return `<!doctype html>
<html lang="${esc(m.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(o.title)} · ${esc(m.brand)}</title>
${refresh}<style>${PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#main">${esc(m.skipToContent)}</a>
<header class="site"><p>${esc(m.brand)}</p></header>
<main id="main">
${o.body}
</main>
${footer}${script}
</body>
</html>
`;
}
