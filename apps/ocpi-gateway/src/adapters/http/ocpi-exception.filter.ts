import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ocpiError, OcpiStatus } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';

/**
 * Every error becomes an OCPI envelope. Our OcpiErrors carry their HTTP status; framework errors keep their
 * 4xx; anything unexpected is a 3000 (logged), and only infrastructure failures (store, broker) may be 5xx.
 */
@Catch()
export class OcpiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_SERVICES) private readonly services: GatewayServices) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toOcpiReply(exception);
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
