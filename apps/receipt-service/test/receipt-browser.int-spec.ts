import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  aCdrPayload,
  anInvoicePayload,
  aPaymentPayload,
  aSnapshot,
  EFT_LINES,
} from './receipt-events.builder';
import { ARTIFACTS, launchChromium } from './headless-chromium';
import { EVENTS, ReceiptHarness } from './receipt-harness';

const WIDTH = 390;

/** The browser's own checks: no horizontal scroll at this width, and no CSP or script errors. */
async function expectCleanLayout(page: Page, width: number, problems: string[]): Promise<void> {
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(scrollWidth).toBeLessThanOrEqual(width);
  expect(problems).toEqual([]);
}

describe('receipt pages in headless Chromium at 390 px', () => {
  const h = new ReceiptHarness();
  let browser: { context: BrowserContext; close(): Promise<void> };
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(WIDTH);
    await h.start({ RATE_LIMIT_BURST: '100000', NOT_FOUND_BURST: '100000' });
  });
  afterAll(async () => {
    await browser?.close();
    await h.stop();
  });

  async function open(url: string, lang = 'en-GB'): Promise<{ page: Page; status: number }> {
    const page = await browser.context.newPage();
    await page.setExtraHTTPHeaders({ 'accept-language': lang });
    page.on('console', (msg) => {
      // The 404 page's own status is reported as a console error; any other failed load is a problem.
      if (msg.type() === 'error' && !(msg.location().url === url && msg.text().includes('404'))) {
        problems.push(`${msg.text()} (${msg.location().url})`);
      }
    });
    page.on('pageerror', (err) => problems.push(err.message));
    const res = await page.goto(url, { waitUntil: 'load' });
    return { page, status: res?.status() ?? 0 };
  }

  it('shows the receipt: breakdown table, totals, EFT lines, PDF link', async () => {
    const ref = `pp-${h.namespace.slice(-12)}`;
    await h.publish(EVENTS.SessionStarted, aSnapshot(ref));
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        energyWh: 21004,
        endedAt: '2026-11-24T11:12:00.000Z',
        lastUpdated: '2026-11-24T11:12:00.000Z',
      }),
    );
    await h.publish(EVENTS.CdrCreated, aCdrPayload(ref));
    await h.publish(EVENTS.PaymentConfirmed, aPaymentPayload(ref));
    await h.publish(EVENTS.InvoiceIssued, anInvoicePayload(ref));
    await h.pageWhere(ref, (html) => html.includes('TPC-2026-000042'), 'the receipt');

    const { page, status } = await open(h.url(ref));
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Receipt');
    expect(await page.locator('table caption').first().textContent()).toBe('Price per component');
    const energyRow = page.locator('tbody tr', { has: page.locator('th', { hasText: /^Energy$/ }) });
    expect(await energyRow.locator('td').allTextContents()).toEqual(['€8.40', '€10.16']);
    expect(await page.locator('tr.grand td.num').textContent()).toBe('€11.66');
    expect(await page.locator('.eft li').allTextContents()).toEqual(EFT_LINES);
    expect(await page.getByRole('link', { name: 'Download invoice (PDF)' }).getAttribute('href')).toBe(
      `${ref}/invoice.pdf`,
    );
    expect(await page.getByRole('main').count()).toBe(1);
    await expectCleanLayout(page, WIDTH, problems);
    await page.screenshot({ path: join(ARTIFACTS, 'receipt-390.png'), fullPage: true });

    const de = await open(h.url(ref), 'de-DE');
    expect(await de.page.locator('h1').textContent()).toBe('Beleg');
    await de.page.screenshot({ path: join(ARTIFACTS, 'receipt-de-390.png'), fullPage: true });
    await de.page.setViewportSize({ width: 320, height: 700 });
    await expectCleanLayout(de.page, 320, problems);
    await de.page.screenshot({ path: join(ARTIFACTS, 'receipt-de-320.png'), fullPage: true });
  });

  it('updates the live page in place when a new SessionUpdated is published, then reloads when it ends', async () => {
    const ref = `live-${h.namespace.slice(-12)}`;
    await h.publish(
      EVENTS.SessionStarted,
      aSnapshot(ref, {
        energyWh: 1000,
        cost: { exclVat: '0.40', inclVat: '0.484', currency: 'EUR' },
        lastUpdated: '2026-11-24T10:02:00.000Z',
      }),
    );
    await h.pageWhere(ref, (html) => html.includes('1.00 kWh'), 'the live page');

    const { page, status } = await open(h.url(ref));
    expect(status).toBe(200);
    const energy = page.locator('[data-field="energy"]');
    expect(await energy.textContent()).toBe('1.00 kWh');
    // The script marks the stream as connected when the first figures arrive.
    await page.locator('#live-state', { hasText: 'Live' }).waitFor({ timeout: 15_000 });
    await page.evaluate('window.__beforeUpdate = true');

    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        energyWh: 4200,
        cost: { exclVat: '1.68', inclVat: '2.0328', currency: 'EUR' },
        lastUpdated: '2026-11-24T10:09:00.000Z',
      }),
    );
    await page.locator('[data-field="energy"]', { hasText: /^4\.20 kWh$/ }).waitFor({ timeout: 20_000 });
    // Updated in place by the script, not by a reload: the marker set before the update survived.
    expect(await page.evaluate('window.__beforeUpdate')).toBe(true);
    expect(await page.locator('[data-field="cost"]').textContent()).toBe('€2.03');
    expect(await page.locator('[data-field="duration"]').textContent()).toBe('9 min');
    await expectCleanLayout(page, WIDTH, problems);
    await page.screenshot({ path: join(ARTIFACTS, 'live-390.png'), fullPage: true });

    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        energyWh: 4300,
        endedAt: '2026-11-24T10:10:00.000Z',
        lastUpdated: '2026-11-24T10:10:00.000Z',
      }),
    );
    await page.locator('h1', { hasText: 'Charging finished' }).waitFor({ timeout: 20_000 });
    await expectCleanLayout(page, WIDTH, problems);
    await page.screenshot({ path: join(ARTIFACTS, 'ended-390.png'), fullPage: true });
  });

  it('shows the friendly 404 page for an unknown reference', async () => {
    const { page, status } = await open(h.url('pp-000000-unknown'), 'nl-NL');
    expect(status).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Bon niet gevonden');
    await expectCleanLayout(page, WIDTH, problems);
    await page.screenshot({ path: join(ARTIFACTS, 'not-found-390.png'), fullPage: true });
  });
});
