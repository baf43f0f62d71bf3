import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from '@tapcharge/logging';
import { BillingError, type BillingErrorCode } from '../../domain/billing.errors';

const STATUS: Partial<Record<BillingErrorCode, number>> = {
  'BILLING.INVALID_REQUEST': 400,
  'BILLING.NOT_FOUND': 404,
  'BILLING.AMBIGUOUS_REFERENCE': 409,
  'BILLING.NO_INVOICE': 409,
  'BILLING.ALREADY_CREDITED': 409,
  'BILLING.DOCUMENT_PENDING': 409,
};

/** Coded errors as `{error: {code, message}}` with a fitting HTTP status; anything else is a logged 500. */
@Catch()
export class BillingErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (err instanceof BillingError) {
      void reply.status(STATUS[err.code] ?? 500).send({ error: { code: err.code, message: err.message } });
      return;
    }
    if (err instanceof HttpException) {
      const body = err.getResponse();
      void reply
        .status(err.getStatus())
        .send(
          typeof body === 'object' && body !== null && 'error' in body
            ? body
            : { error: { code: 'HTTP', message: err.message } },
        );
      return;
    }
    this.logger.error({ err }, 'admin request failed');
    void reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
}
