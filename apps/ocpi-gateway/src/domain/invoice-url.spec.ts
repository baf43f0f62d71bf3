import { invoiceUrl, normalizeInvoiceBaseUrl } from './invoice-url';

describe('receipt link = invoice_base_url + authorization_reference (mod_payments)', () => {
  it.each([
    ['https://r.example/invoices', 'pp-100100-1948213567', 'https://r.example/invoices/pp-100100-1948213567'],
    [
      'https://r.example/invoices/',
      'pp-100100-1948213567',
      'https://r.example/invoices/pp-100100-1948213567',
    ],
    ['https://r.example/i/', 'a b', 'https://r.example/i/a%20b'],
  ])('%s + %s', (base, ref, expected) => {
    expect(invoiceUrl(base, ref)).toBe(expected);
    // plain concatenation of the base we hand out gives the same URL for URL-safe references
    if (!ref.includes(' ')) expect(`${normalizeInvoiceBaseUrl(base)}${ref}`).toBe(expected);
  });
});
