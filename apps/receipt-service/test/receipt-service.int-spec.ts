import QRCode from 'qrcode';
import {
  aCdrPayload,
  anInvoicePayload,
  aPaymentPayload,
  aSnapshot,
  EFT_LINES,
} from './receipt-events.builder';
import { EVENTS, ReceiptHarness } from './receipt-harness';

/** Ids that exist in the events but must never reach a driver's page or its headers. */
const INTERNAL_IDS = [
  'SESSION-INTERNAL',
  'STATION-SECRET',
  'TX-INTERNAL',
  'LOC-INTERNAL',
  'EVSE-UID-INTERNAL',
  'TOKEN-UID',
  'TARIFF-INTERNAL',
  'CDR-INTERNAL',
  'FAC-INTERNAL',
];

function expectNoInternalIds(text: string): void {
  for (const id of INTERNAL_IDS) expect(text).not.toContain(id);
}

const headersText = (h: Headers) => [...h.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');

/** Reads server-sent events from a streaming fetch body. */
class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async next(timeoutMs = 20_000): Promise<{ event: string; data: string } | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const idx = this.buffer.indexOf('\n\n');
      if (idx >= 0) {
        const block = this.buffer.slice(0, idx);
        this.buffer = this.buffer.slice(idx + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event && data !== undefined) return { event, data };
        continue; // retry: / keepalive comments
      }
      if (Date.now() > deadline) throw new Error('no server-sent event before the deadline');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('SSE read timed out')), deadline - Date.now());
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) return undefined;
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
}

describe('receipt service (real Kafka + FerretDB)', () => {
  const h = new ReceiptHarness();

  beforeAll(async () => {
    await h.start({ RATE_LIMIT_BURST: '100000', NOT_FOUND_BURST: '100000' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('serves the live page with the figures of the latest SessionUpdated, without internal ids', async () => {
    const ref = `live-${h.namespace}`;
    await h.publish(
      EVENTS.SessionStarted,
      aSnapshot(ref, {
        energyWh: 0,
        cost: { exclVat: '0', inclVat: '0', currency: 'EUR' },
        lastUpdated: '2026-11-24T10:00:00.000Z',
      }),
    );
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        energyWh: 7350,
        cost: { exclVat: '2.94', inclVat: '3.5574', currency: 'EUR' },
        lastUpdated: '2026-11-24T10:20:00.000Z',
      }),
    );
    const page = await h.pageWhere(ref, (html) => html.includes('7.35 kWh'), 'the live page with 7.35 kWh');
    expect(page.html).toContain('Charging in progress');
    expect(page.html).toContain('€3.56'); // 3.5574 rounded half-up to cents
    expect(page.html).toContain('€40.00');
    expect(page.html).toContain('20 min');
    expect(page.html).toMatch(/data-events="[^"]+\/events\?lang=en&amp;phase=live"/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expectNoInternalIds(page.html + headersText(page.headers));
  });

  it('never regresses the figures when an older SessionUpdated arrives after a newer one', async () => {
    const ref = `order-${h.namespace}`;
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, { energyWh: 5000, lastUpdated: '2026-11-24T10:10:00.000Z' }),
    );
    await h.pageWhere(ref, (html) => html.includes('5.00 kWh'), 'the newer figures');
    // Same key, same partition: the older one is consumed before the sentinel that follows it.
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, { energyWh: 3000, lastUpdated: '2026-11-24T10:07:00.000Z' }),
    );
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        energyWh: 5000,
        cost: { exclVat: '2', inclVat: '2.42', currency: 'EUR' },
        lastUpdated: '2026-11-24T10:12:00.000Z',
      }),
    );
    const page = await h.pageWhere(ref, (html) => html.includes('€2.42'), 'the sentinel update');
    expect(page.html).toContain('5.00 kWh');
    expect(page.html).not.toContain('3.00 kWh');
  });

  it('after the session ends shows the figures and what is pending, then the receipt once invoiced', async () => {
    const ref = `flow-${h.namespace}`;
    await h.publish(EVENTS.SessionStarted, aSnapshot(ref));
    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        energyWh: 21004,
        endedAt: '2026-11-24T11:12:00.000Z',
        cost: { exclVat: '9.64', inclVat: '11.66', currency: 'EUR' },
        lastUpdated: '2026-11-24T11:12:00.000Z',
        stopReason: 'DRIVER',
      }),
    );
    let page = await h.pageWhere(ref, (html) => html.includes('Charging finished'), 'the ended page');
    expect(page.html).toMatch(/Final charge record<\/span><span class="badge pending">pending/);
    expect(page.html).toMatch(/Card payment<\/span><span class="badge pending">pending/);
    expect(page.html).toContain('21.00 kWh');
    expect(page.html).toContain('€11.66');

    await h.publish(EVENTS.CdrCreated, aCdrPayload(ref));
    await h.publish(EVENTS.PaymentConfirmed, aPaymentPayload(ref));
    page = await h.pageWhere(
      ref,
      (html) => html.includes('Card payment</span><span class="badge done">'),
      'payment done',
    );
    expect(page.html).toMatch(/Final charge record<\/span><span class="badge done">done/);
    expect(page.html).toMatch(/Invoice<\/span><span class="badge pending">pending/);

    await h.publish(EVENTS.InvoiceIssued, anInvoicePayload(ref));
    page = await h.pageWhere(ref, (html) => html.includes('TPC-2026-000042'), 'the receipt');
    const html = page.html;
    expect(html).toContain('<h1 id="title">Receipt</h1>');
    expect(html).toContain('Stationsplein P+R, Stationsplein 1, 3511 ED Utrecht, NLD');
    expect(html).toContain('NL*TPC*E0007*1');
    expect(html).toContain('21.00 kWh');
    expect(html).toContain('1 h 12 min');
    expect(html).toContain('<caption>Price per component</caption>');
    expect(html).toMatch(
      /<th scope="row">Energy<\/th><td class="num">€8\.40<\/td><td class="num">€10\.16<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Charging time<\/th><td class="num">€0\.24<\/td><td class="num">€0\.29<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Session fee<\/th><td class="num">€1\.00<\/td><td class="num">€1\.21<\/td>/,
    );
    expect(html).toMatch(
      /<tr class="grand"><th scope="row">Total<\/th><td><\/td><td class="num">€11\.66<\/td>/,
    );
    expect(html).toMatch(/<th scope="row">21%<\/th><td class="num">€9\.64<\/td><td class="num">€2\.02<\/td>/);
    for (const line of EFT_LINES) expect(html).toContain(`<li>${line}</li>`);
    expect(html).toContain(`href="${encodeURIComponent(ref)}/invoice.pdf"`);
    expectNoInternalIds(html + headersText(page.headers));

    const de = await h.page(ref, 'de-DE,de;q=0.9,en;q=0.5');
    expect(de.headers.get('content-language')).toBe('de');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('Rechnungsnummer');
    expect(de.html).toContain('11,66\u00a0€');
    const nl = await h.page(ref, 'nl-NL');
    expect(nl.html).toContain('Factuurnummer');
    expect(nl.html).toContain('€\u00a011,66');

    const pdf = await fetch(h.url(ref, '/invoice.pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="invoice-TPC-2026-000042.pdf"');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1500);
  });

  it('answers an unknown reference with the friendly 404 page in the same look', async () => {
    const res = await fetch(h.url(`nobody-${h.namespace}`), { headers: { 'accept-language': 'nl' } });
    const html = await res.text();
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('Bon niet gevonden');
    expect(html).toContain('<main id="main">');
    expect(html).not.toMatch(/stack|Error:|at \w+ \(/);
    // Unknown paths get the same page, not a framework JSON error.
    const other = await fetch(`${h.service.url}/receipts/x/y/z`);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('Receipt not found');
  });

  it('decodes a reference that needs URL-encoding, and QR codes encode exactly the receipt URL', async () => {
    const ref = `pp/10 #${h.namespace.slice(-6)}?&`;
    await h.publish(EVENTS.SessionStarted, aSnapshot(ref));
    const page = await h.pageWhere(
      ref,
      (html) => html.includes('Charging in progress'),
      'the live page of an odd reference',
    );
    expect(page.html).toContain(`data-events="${encodeURIComponent(ref).replace(/&/g, '&amp;')}/events?`);

    const expectedUrl = `${h.service.invoiceBaseUrl}${encodeURIComponent(ref)}`;
    const svg = await fetch(h.url(ref, '/qr.svg'));
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toBe(
      await QRCode.toString(expectedUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
    const png = await fetch(h.url(ref, '/qr.png?scale=4'));
    expect(png.headers.get('content-type')).toBe('image/png');
    const pngBytes = Buffer.from(await png.arrayBuffer());
    expect(
      pngBytes.equals(
        await QRCode.toBuffer(expectedUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 }),
      ),
    ).toBe(true);

    const tooLong = await fetch(h.url('x'.repeat(37)));
    expect(tooLong.status).toBe(404);
    const nonAscii = await fetch(h.url('ré'));
    expect(nonAscii.status).toBe(404);
    const badEncoding = await fetch(`${h.service.url}/receipts/%E0%A4%A`, {
      headers: { 'accept-language': 'de' },
    });
    expect(badEncoding.status).toBe(404);
    expect(badEncoding.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await badEncoding.text()).toContain('Beleg nicht gefunden');
  });

  it('streams live figures as SessionUpdated events arrive and ends with completed', async () => {
    const ref = `sse-${h.namespace}`;
    await h.publish(
      EVENTS.SessionStarted,
      aSnapshot(ref, { energyWh: 1000, lastUpdated: '2026-11-24T10:01:00.000Z' }),
    );
    await h.pageWhere(ref, (html) => html.includes('1.00 kWh'), 'the live page');
    const res = await fetch(h.url(ref, '/events?lang=de&phase=live'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sse = new SseReader((res.body as ReadableStream<Uint8Array>).getReader());
    const first = await sse.next();
    expect(first?.event).toBe('figures');
    expect(JSON.parse(first?.data ?? '{}')).toMatchObject({
      energy: '1,00 kWh',
      status: 'Lädt',
      limit: '40,00\u00a0€',
    });

    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, { energyWh: 2750, lastUpdated: '2026-11-24T10:03:00.000Z' }),
    );
    const second = await sse.next();
    expect(second?.event).toBe('figures');
    expect(JSON.parse(second?.data ?? '{}')).toMatchObject({ energy: '2,75 kWh', duration: '3 Min.' });

    await h.publish(
      EVENTS.SessionUpdated,
      aSnapshot(ref, {
        state: 'COMPLETED',
        ocpiStatus: 'COMPLETED',
        energyWh: 2800,
        endedAt: '2026-11-24T10:04:00.000Z',
        lastUpdated: '2026-11-24T10:04:00.000Z',
      }),
    );
    const last = await sse.next();
    expect(last).toEqual({ event: 'completed', data: JSON.stringify({ phase: 'ended' }) });
    expect(await sse.next()).toBeUndefined(); // the server closed the stream
  });
});

describe('receipt service rate limiting', () => {
  const h = new ReceiptHarness();

  beforeAll(async () => {
    await h.start({
      NOT_FOUND_BURST: '3',
      NOT_FOUND_PER_MINUTE: '1',
      RATE_LIMIT_BURST: '12',
      RATE_LIMIT_PER_SECOND: '0.01',
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('blocks an IP that guesses references (429 + Retry-After), then any lookup, then everything', async () => {
    const known = `known-${h.namespace}`;
    await h.publish(EVENTS.SessionStarted, aSnapshot(known));
    await h.stored(known);
    expect((await fetch(h.url(known))).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await fetch(h.url(`guess-${i}`))).status).toBe(404);
    const blocked = await fetch(h.url('guess-3'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await blocked.text()).toContain('Too many requests');
    expect((await fetch(h.url(known))).status).toBe(429);
    // The QR endpoint needs no lookup and stays available until the overall bucket is empty.
    let status = 200;
    for (let i = 0; i < 12 && status === 200; i++) status = (await fetch(h.url(known, '/qr.svg'))).status;
    expect(status).toBe(429);
    expect((await fetch(`${h.service.url}/health`)).status).toBe(200);
  });
});
