import { createHash } from 'node:crypto';
import { aReceipt, aSession, anInvoice, ctxFor } from '../../../test/receipt-state.fixtures';
import { MESSAGES, type Messages } from '../../domain/i18n/messages';
import { renderEndedPage } from './ended-page.renderer';
import { renderLivePage } from './live-page.renderer';
import { CONTENT_SECURITY_POLICY } from './page-assets';
import { renderReceiptDocument } from './receipt-document.renderer';
import { renderReceiptPage } from './receipt-page.renderer';
import { renderErrorPage, renderNotFoundPage, renderTooManyRequestsPage } from './status-page.renderer';

const NBSP = '\u00a0';
const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const inline = (html: string, tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] as string);

/** Structure every page must have: language, landmarks, one h1, CSP-allowed inline blocks only. */
function expectAccessibleShell(html: string, lang: string): void {
  expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(html).toContain('<header class="site">');
  expect(html).toContain('<main id="main">');
  expect(html).toContain('href="#main"');
  expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  expect(html).not.toMatch(/\sstyle="|\son\w+="|<link |<img |src="http|href="http/);
  for (const css of inline(html, 'style')) expect(CONTENT_SECURITY_POLICY).toContain(sha(css));
  for (const js of inline(html, 'script')) expect(CONTENT_SECURITY_POLICY).toContain(sha(js));
}

describe('live page', () => {
  it.each([
    ['en', 'Charging in progress', '7.35 kWh', '€3.56', '€40.00', '20 min'],
    ['nl', 'Bezig met laden', '7,35 kWh', `€${NBSP}3,56`, `€${NBSP}40,00`, '20 min'],
    ['de', 'Ladevorgang läuft', '7,35 kWh', `3,56${NBSP}€`, `40,00${NBSP}€`, '20 Min.'],
  ])(
    '%s: last known figures in place, with the SSE script and a no-JS refresh',
    (lang, title, energy, cost, limit, duration) => {
      const html = renderLivePage('pp-1', aSession(), ctxFor(lang));
      expectAccessibleShell(html, lang);
      expect(html).toContain(`<h1 id="title">${title}</h1>`);
      expect(html).toContain(`<dd data-field="energy">${energy}</dd>`);
      expect(html).toContain(`<dd data-field="cost">${cost}</dd>`);
      expect(html).toContain(`<dd data-field="limit">${limit}</dd>`);
      expect(html).toContain(`<dd data-field="duration">${duration}</dd>`);
      expect(html).toContain(`data-events="pp-1/events?lang=${lang}&amp;phase=live"`);
      expect(html).toContain('<noscript><meta http-equiv="refresh" content="30"></noscript>');
      expect(inline(html, 'script')).toHaveLength(1);
    },
  );

  it.each([
    ['STARTING', 'The charger is starting'],
    ['PENDING', 'The charger is starting'],
    ['STOPPING', 'Charging is stopping.'],
  ] as const)('%s has its own lead text', (state, lead) => {
    expect(renderLivePage('pp-1', aSession({ state }), ctxFor('en'))).toContain(lead);
  });
});

describe('ended page (after the session, before the invoice)', () => {
  it.each([
    ['nothing yet', {}, ['pending', 'pending', 'pending']],
    ['CDR in', { invoices: [] }, ['done', 'pending', 'pending']],
    [
      'CDR and payment',
      {
        invoices: [],
        payment: {
          captureStatus: 'SUCCESS' as const,
          capturedInclVat: '11.37',
          currency: 'EUR',
          lastUpdated: '2026-11-24T11:13:00Z',
        },
      },
      ['done', 'done', 'pending'],
    ],
    [
      'capture failed',
      {
        invoices: [],
        payment: {
          captureStatus: 'FAILED' as const,
          capturedInclVat: '0',
          currency: 'EUR',
          lastUpdated: '2026-11-24T11:13:00Z',
        },
      },
      ['done', 'failed', 'pending'],
    ],
  ])('%s', (name, overrides, steps) => {
    const base = aReceipt({ invoices: [], ...overrides });
    const r = name === 'nothing yet' ? { ...base, cdr: undefined } : base;
    const html = renderEndedPage(r, ctxFor('en'));
    expectAccessibleShell(html, 'en');
    expect([...html.matchAll(/<span class="badge (\w+)">/g)].map((m) => m[1])).toEqual(steps);
    expect(html).toContain('Charging finished');
  });

  it('a session that never started says nothing is charged and lists no steps', () => {
    const r = aReceipt({
      cdr: undefined,
      invoices: [],
      session: aSession({ state: 'REJECTED', energyWh: 0 }),
    });
    const html = renderEndedPage(r, ctxFor('de'));
    expect(html).toContain('Es wird nichts berechnet');
    expect(html).not.toContain('class="steps"');
    expect(inline(html, 'script')).toHaveLength(0);
  });
});

describe('receipt page', () => {
  const html = renderReceiptPage(aReceipt(), anInvoice(), ctxFor('en'));

  it('has the accessible structure and the breakdown as a captioned table', () => {
    expectAccessibleShell(html, 'en');
    expect(html).toContain('<caption>Price per component</caption>');
    expect(html).toContain('<caption>VAT</caption>');
    expect(html).toMatch(/<th scope="col">Component<\/th>/);
    expect(inline(html, 'script')).toHaveLength(0);
  });

  it.each([
    ['Energy', '€8.40', '€10.16'],
    ['Session fee', '€1.00', '€1.21'],
    ['Charging time', '€0.00', '—'],
  ])('component %s: %s excl., %s incl.', (name, excl, incl) => {
    expect(html).toContain(
      `<tr><th scope="row">${name}</th><td class="num">${excl}</td><td class="num">${incl}</td></tr>`,
    );
  });

  it('shows location, connector, times, energy, totals, invoice number, seller and the PDF link', () => {
    expect(html).toContain('P+R Zuid, Laan 1, 3511 ED Utrecht, NLD');
    expect(html).toContain('<dd>NL*TPC*E7*1</dd>');
    expect(html).toMatch(/<dd>Nov 24, 2026, 11:00\sAM<\/dd>/); // en (US) medium date, Amsterdam time
    expect(html).toContain('<dd>1 h 12 min</dd>');
    expect(html).toContain('<dd>21.00 kWh</dd>');
    expect(html).toContain(
      '<tr class="grand"><th scope="row">Total</th><td></td><td class="num">€11.37</td></tr>',
    );
    expect(html).toContain('<dd>TPC-2026-000042</dd>');
    expect(html).toContain('NL000000000B01');
    expect(html).toContain('href="pp-100100-1948213567/invoice.pdf"');
  });

  it('prints EFT lines exactly as received, escaped', () => {
    expect(html).toContain('<li>Nr: **** **** **** 1234</li>');
    expect(html).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</li>');
    expect(html).not.toContain('<script>alert');
  });

  it('falls back to the invoice lines when the CDR is unknown, and notes a cancelling credit note', () => {
    const r = aReceipt({
      cdr: undefined,
      invoices: [
        anInvoice(),
        anInvoice({ invoiceNumber: 'CN-7', kind: 'CREDIT_NOTE', correctsInvoiceNumber: 'TPC-2026-000042' }),
      ],
    });
    const out = renderReceiptPage(r, anInvoice(), ctxFor('nl'));
    expect(out).toContain(
      `<tr><th scope="row">Energy</th><td class="num">€${NBSP}8,40</td><td class="num">€${NBSP}10,16</td></tr>`,
    );
    expect(out).toContain('geannuleerd met creditnota CN-7');
  });

  it('escapes and encodes a reference with special characters', () => {
    const out = renderReceiptPage(
      aReceipt({ authorizationReference: 'a"<b>/c?' }),
      anInvoice(),
      ctxFor('en'),
    );
    expect(out).toContain('href="a%22%3Cb%3E%2Fc%3F/invoice.pdf"');
    expect(out).toContain('a&quot;&lt;b&gt;/c?');
    expect(out).not.toContain('a"<b>');
  });
});

describe('renderReceiptDocument picks the page by phase', () => {
  it.each([
    ['live', aReceipt({ session: aSession(), cdr: undefined, invoices: [] }), 'Charging in progress'],
    ['ended', aReceipt({ invoices: [] }), 'Charging finished'],
    ['receipt', aReceipt(), '<h1 id="title">Receipt</h1>'],
  ])('%s', (_phase, r, marker) => {
    expect(renderReceiptDocument(r, ctxFor('en'))).toContain(marker);
  });

  it('renders nothing for an empty receipt (the caller answers 404)', () => {
    expect(
      renderReceiptDocument({ authorizationReference: 'x', invoices: [] }, ctxFor('en')),
    ).toBeUndefined();
  });
});

describe('status pages', () => {
  it.each(Object.values(MESSAGES).map((m) => [m.lang, m] as [string, Messages]))(
    '%s: 404, 429 and error share the look',
    (lang, m) => {
      for (const html of [renderNotFoundPage(m), renderTooManyRequestsPage(m, 30), renderErrorPage(m)]) {
        expectAccessibleShell(html, lang);
        expect(html).not.toContain('<footer>');
      }
      expect(renderNotFoundPage(m)).toContain(m.notFoundTitle);
      expect(renderTooManyRequestsPage(m, 30)).toContain('30');
    },
  );
});
