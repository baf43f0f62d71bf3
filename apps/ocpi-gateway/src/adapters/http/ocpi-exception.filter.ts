import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ocpiError, OcpiStatus } from '@tapcharge/ocpi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { allowedMethods } from './openapi/openapi-routes';

/**
 * Every error becomes an OCPI envelope. Our OcpiErrors carry their HTTP status; framework errors keep their
 * 4xx; anything unexpected is a 3000 (logged), and only infrastructure failures (store, broker) may be 5xx.
 */
@Catch()
export class OcpiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_SERVICES) private readonly services: GatewayServices) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const answer = toOcpiReply(exception);
    const { body } = answer;
    // the operator API answers every refusal with an HTTP 4xx (OCPI's "HTTP 200 + 2xxx" is for peers)
    let status = req.url.startsWith('/admin/') && answer.status < 400 ? 400 : answer.status;
    // a method one of our paths does not serve (no route, or fastify refused its body first, e.g. QUERY
    // without a content type): the method is what is wrong, 405 + Allow
    const allowed = status < 500 ? allowedMethods(req.url.split('?')[0] ?? '') : [];
    if (
      allowed.length > 0 &&
      !allowed.includes(req.method) &&
      !(req.method === 'HEAD' && allowed.includes('GET'))
    ) {
      status = 405;
      body.status_code = OcpiStatus.CLIENT_ERROR;
      body.status_message = `${req.method} is not supported here; use ${allowed.join(', ')}`;
      void reply.header('Allow', allowed.join(', '));
    }
    if (status >= 500) this.services.logger.error({ err: exception }, 'unexpected error in request');
    void reply.status(status).header('content-type', 'application/json').send(body);
  }
}

export function toOcpiReply(exception: unknown): { status: number; body: ReturnType<typeof ocpiError> } {
  if (exception instanceof OcpiError) {
    return { status: exception.httpStatus, body: ocpiError(exception.statusCode, exception.message) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code =
      status >= 500
        ? OcpiStatus.SERVER_ERROR
        : status === 400
          ? OcpiStatus.INVALID_PARAMETERS
          : OcpiStatus.CLIENT_ERROR;
    return { status, body: ocpiError(code, exception.message) };
  }
  const fastifyStatus = (exception as { statusCode?: number }).statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // fastify's own client errors: malformed JSON, unsupported media type, body too large...
    const code = fastifyStatus === 400 ? OcpiStatus.INVALID_PARAMETERS : OcpiStatus.CLIENT_ERROR;
    return { status: fastifyStatus, body: ocpiError(code, (exception as Error).message) };
  }
  return {
    status: 503,
    body: ocpiError(OcpiStatus.SERVER_ERROR, 'Temporarily unable to process the request'),
  };
}
