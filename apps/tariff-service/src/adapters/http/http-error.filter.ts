import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TariffServiceError, type Issue, type TariffErrorCode } from '../../domain/tariff.errors';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

export interface ErrorBody {
  error: { code: string; message: string; issues?: readonly Issue[] };
}

const STATUS: Record<TariffErrorCode, number> = {
  'TARIFF.INVALID': 400,
  'TARIFF.INVALID_ID': 400,
  'ASSIGNMENT.INVALID': 400,
  'DISPLAY.INVALID_QUERY': 400,
  'SEED.INVALID': 400,
  'TARIFF.NOT_FOUND': 404,
  'TARIFF.CONFLICT': 409,
};

/**
 * Every error becomes `{ error: { code, message, issues? } }`. Our coded errors and framework/fastify client
 * errors (malformed JSON, wrong media type, too large) keep their 4xx; anything else is a store or broker
 * failure: 503, logged, details not leaked.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorReply(exception);
    if (status >= 500) this.deps.log.error({ err: exception }, 'request failed');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

export function toErrorReply(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof TariffServiceError) {
    return {
      status: STATUS[exception.code],
      body: { error: { code: exception.code, message: exception.message, issues: exception.issues } },
    };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { status, body: { error: { code: clientErrorCode(status), message: exception.message } } };
  }
  const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      status: fastifyStatus,
      body: { error: { code: clientErrorCode(fastifyStatus), message: (exception as Error).message } },
    };
  }
  return {
    status: 503,
    body: { error: { code: 'SERVICE.UNAVAILABLE', message: 'temporarily unable to process the request' } },
  };
}

function clientErrorCode(status: number): string {
  if (status === 400) return 'REQUEST.INVALID'; // malformed JSON, empty JSON body
  if (status === 401) return 'AUTH.UNAUTHORIZED';
  if (status === 404) return 'HTTP.NOT_FOUND';
  return `HTTP.${status}`;
}
