import QRCode from 'qrcode';
import { aReceipt, anInvoice, ctxFor } from '../../../test/receipt-state.fixtures';
import { renderInvoicePdf } from './invoice-pdf.renderer';
import { renderQrPng, renderQrSvg } from './qr-code.renderer';

describe('invoice PDF', () => {
  it.each(['en', 'nl', 'de'])('%s: a PDF, identical bytes for the same invoice', async (lang) => {
    const a = await renderInvoicePdf(aReceipt(), anInvoice(), ctxFor(lang));
    const b = await renderInvoicePdf(aReceipt(), anInvoice(), ctxFor(lang));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(a.equals(b)).toBe(true);
  });

  it('differs when the invoice differs', async () => {
    const a = await renderInvoicePdf(aReceipt(), anInvoice(), ctxFor('en'));
    const b = await renderInvoicePdf(aReceipt(), anInvoice({ totalInclVat: '11.38' }), ctxFor('en'));
    expect(a.equals(b)).toBe(false);
  });
});

describe('QR codes', () => {
  const url = 'http://127.0.0.1:8090/receipts/pp-100100-1948213567';

  it('SVG encodes the URL with medium error correction', async () => {
    const svg = await renderQrSvg(url);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toBe(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    expect(svg).not.toBe(
      await QRCode.toString(`${url}x`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
  });

  it.each([1, 8, 20])('PNG at scale %i grows with the scale', async (scale) => {
    const png = await renderQrPng(url, scale);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    // 52 bytes at level M need QR version 4: 33 modules + 2 x 2 quiet zone.
    expect(width).toBe(37 * scale);
  });
});
