import { classify, resolveUrl } from './push-worker';

describe('push outcome classification', () => {
  it.each([
    ['200 + 1000', 200, { status_code: 1000, timestamp: 't' }, 'ok'],
    ['201 without body', 201, undefined, 'ok'],
    ['200 + 2001 (peer rejects the object)', 200, { status_code: 2001, timestamp: 't' }, 'rejected'],
    ['404', 404, undefined, 'rejected'],
    ['401 (token being rotated): retry', 401, undefined, 'transient'],
    ['429: retry', 429, undefined, 'transient'],
    ['503: retry', 503, undefined, 'transient'],
    ['200 + 3000: retry', 200, { status_code: 3000, timestamp: 't' }, 'transient'],
  ])('%s', (_name, httpStatus, body, expected) => {
    const r = classify({ httpStatus, body, headers: {} }, 'PUT x');
    expect(r.ok ? 'ok' : r.rejected ? 'rejected' : 'transient').toBe(expected);
  });
});

describe('push URL resolution', () => {
  const endpoints = (paymentsUrl: string) => [
    { identifier: 'sessions', role: 'RECEIVER' as const, url: 'https://ptp.example/ocpi/2.3.0/sessions/' },
    { identifier: 'cdrs', role: 'RECEIVER' as const, url: 'https://ptp.example/ocpi/2.3.0/cdrs' },
    { identifier: 'payments', role: 'SENDER' as const, url: paymentsUrl },
  ];
  it.each([
    [
      'session object URL',
      endpoints('https://p/x'),
      { module: 'sessions' as const, path: 'NL/TPC/s1' },
      'https://ptp.example/ocpi/2.3.0/sessions/NL/TPC/s1',
    ],
    [
      'cdrs endpoint itself',
      endpoints('https://p/x'),
      { module: 'cdrs' as const, path: '' },
      'https://ptp.example/ocpi/2.3.0/cdrs',
    ],
    [
      'payments advertised as base',
      endpoints('https://p/ocpi/2.3.0/payments'),
      { module: 'payments-terminals' as const, path: 'T1' },
      'https://p/ocpi/2.3.0/payments/terminals/T1',
    ],
    [
      'payments advertised as .../terminals (digest 1.7.4)',
      endpoints('https://p/ocpi/2.3.0/payments/terminals/'),
      { module: 'payments-terminals' as const, path: 'T1' },
      'https://p/ocpi/2.3.0/payments/terminals/T1',
    ],
    [
      'absolute response_url',
      endpoints('https://p/x'),
      { url: 'https://ptp.example/cmd/42' },
      'https://ptp.example/cmd/42',
    ],
    ['missing module', endpoints('https://p/x'), { module: 'locations' as const, path: 'a' }, undefined],
    [
      'tariffs receiver object URL',
      [
        ...endpoints('https://p/x'),
        { identifier: 'tariffs', role: 'SENDER' as const, url: 'https://ptp.example/wrong' },
        { identifier: 'tariffs', role: 'RECEIVER' as const, url: 'https://ptp.example/ocpi/2.3.0/tariffs' },
      ],
      { module: 'tariffs' as const, path: 'NL/TPC/T1' },
      'https://ptp.example/ocpi/2.3.0/tariffs/NL/TPC/T1',
    ],
  ])('%s', (_name, eps, target, expected) => {
    expect(resolveUrl(eps, target)).toBe(expected);
  });
});
