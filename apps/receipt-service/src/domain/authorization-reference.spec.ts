import { checkAuthorizationReference, receiptUrl } from './authorization-reference';

describe('authorization_reference (OCPI CiString(36))', () => {
  it.each([
    ['pp-100100-1948213567', true],
    ['a', true],
    ['x'.repeat(36), true],
    ['x'.repeat(37), false],
    ['', false],
    ['with space/slash?#&%', true],
    ['~!@$^*()_+{}|:"<>`', true],
    ['ré', false],
    ['tab\there', false],
    ['line\nbreak', false],
    [undefined, false],
    [42, false],
  ])('%j valid=%s', (value, ok) => {
    expect(checkAuthorizationReference(value).ok).toBe(ok);
  });

  it.each([
    [
      'http://127.0.0.1:8090/receipts/',
      'pp-100100-1948213567',
      'http://127.0.0.1:8090/receipts/pp-100100-1948213567',
    ],
    ['https://r.example/receipts', 'pp-1', 'https://r.example/receipts/pp-1'],
    ['https://r.example/receipts/', 'a/b c?d#e&f', 'https://r.example/receipts/a%2Fb%20c%3Fd%23e%26f'],
  ])('receipt URL of %s + %s', (base, ref, expected) => {
    expect(receiptUrl(base, ref)).toBe(expected);
    expect(decodeURIComponent(new URL(expected).pathname.split('/').pop() ?? '')).toBe(ref);
  });
});
