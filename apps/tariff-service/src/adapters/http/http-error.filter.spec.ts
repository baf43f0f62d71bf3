import { BadRequestException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { TariffServiceError } from '../../domain/tariff.errors';
import { toErrorReply } from './http-error.filter';

describe('toErrorReply (no request gets a 5xx by itself)', () => {
  it.each([
    [
      new TariffServiceError('TARIFF.INVALID', 'bad', [{ path: 'currency', message: 'x' }]),
      400,
      'TARIFF.INVALID',
    ],
    [new TariffServiceError('ASSIGNMENT.INVALID', 'bad'), 400, 'ASSIGNMENT.INVALID'],
    [new TariffServiceError('TARIFF.NOT_FOUND', 'gone'), 404, 'TARIFF.NOT_FOUND'],
    [new TariffServiceError('TARIFF.CONFLICT', 'busy'), 409, 'TARIFF.CONFLICT'],
    [new UnauthorizedException(), 401, 'AUTH.UNAUTHORIZED'],
    [new NotFoundException(), 404, 'HTTP.NOT_FOUND'],
    [new BadRequestException('Body is not valid JSON'), 400, 'REQUEST.INVALID'],
    [Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }), 415, 'HTTP.415'],
    [Object.assign(new Error('Request body is too large'), { statusCode: 413 }), 413, 'HTTP.413'],
    [new Error('connection reset by store'), 503, 'SERVICE.UNAVAILABLE'],
    [null, 503, 'SERVICE.UNAVAILABLE'],
  ])('%p -> %i %s', (exception, status, code) => {
    const r = toErrorReply(exception);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it('lists the issues of a coded error and leaks nothing of an unexpected one', () => {
    expect(
      toErrorReply(new TariffServiceError('TARIFF.INVALID', 'bad', [{ path: 'currency', message: 'x' }])).body
        .error.issues,
    ).toEqual([{ path: 'currency', message: 'x' }]);
    expect(toErrorReply(new Error('mongodb://user:secret@host')).body.error.message).not.toMatch(/secret/);
  });
});
