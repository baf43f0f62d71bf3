import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS, resolveEndpoints } from './endpoints';
import { RefusedError, UsageError } from './errors';
import { expectOk, serverMessage } from './http';

describe('service addresses', () => {
  it('defaults to the ports of tools/dev/services.json (what `npm run up` starts)', () => {
    const services = (
      JSON.parse(readFileSync(join(__dirname, '../../../../tools/dev/services.json'), 'utf8')) as {
        services: Array<{ name: string; port: number }>;
      }
    ).services;
    const port = (name: string) => services.find((s) => s.name === name)?.port;
    const defaults = resolveEndpoints({}, {});
    expect(defaults).toEqual({
      ocpi: `http://127.0.0.1:${port('ocpi-gateway')}`,
      ocppAdmin: `http://127.0.0.1:${port('ocpp-gateway')}`,
      ocppWs: 'ws://127.0.0.1:9000/ocpp',
      tariff: `http://127.0.0.1:${port('tariff-service')}`,
      engine: `http://127.0.0.1:${port('session-engine')}`,
      billing: `http://127.0.0.1:${port('billing-cdr-service')}`,
    });
  });

  it('takes a flag over the environment over the default, without trailing slashes', () => {
    const r = resolveEndpoints(
      { 'engine-url': 'http://flag:1/' },
      { TAPCHARGE_ENGINE_URL: 'http://env:2', TAPCHARGE_BILLING_URL: 'http://env:3//' },
    );
    expect(r.engine).toBe('http://flag:1');
    expect(r.billing).toBe('http://env:3');
  });

  it.each(ENDPOINTS.map((e) => [e.flag]))('refuses a wrong scheme for --%s', (flag) => {
    expect(() => resolveEndpoints({ [flag]: 'ftp://host' }, {})).toThrow(UsageError);
  });
});

describe('service answers', () => {
  it.each([
    [
      'OCPI envelope',
      { status_code: 2001, status_message: 'Invalid or missing parameters' },
      'Invalid or missing parameters',
    ],
    [
      'coded error with issues',
      {
        error: {
          code: 'ASSIGNMENT.INVALID',
          message: 'invalid assignment',
          issues: [{ path: 'appliesTo[0]', message: 'bad' }],
        },
      },
      'invalid assignment: appliesTo[0]: bad',
    ],
    ['Nest message list', { statusCode: 400, message: ['a', 'b'], error: 'Bad Request' }, 'a; b'],
    ['plain text', 'Service Unavailable', 'Service Unavailable'],
    ['nothing useful', { foo: 1 }, undefined],
  ])('reads the message of a %s', (_, body, expected) => {
    expect(serverMessage(body)).toBe(expected);
  });

  it('unwraps OCPI data and refuses an OCPI error status under HTTP 200', () => {
    expect(expectOk('ocpi', 'GET', '/x', { status: 200, body: { status_code: 1000, data: [1] } })).toEqual([
      1,
    ]);
    expect(() =>
      expectOk('ocpi', 'GET', '/x', { status: 200, body: { status_code: 3001, status_message: 'nope' } }),
    ).toThrow(new RefusedError('the OCPI gateway refused GET /x (HTTP 200, OCPI 3001): nope'));
  });

  it('passes plain JSON bodies through', () => {
    expect(expectOk('tariff', 'GET', '/x', { status: 200, body: { tariffs: [] } })).toEqual({ tariffs: [] });
  });
});
