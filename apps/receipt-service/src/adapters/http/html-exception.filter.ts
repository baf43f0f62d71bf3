import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale } from '../../domain/i18n/locale.negotiator';
import { renderErrorPage } from '../render/status-page.renderer';
import { sendHtml, sendNotFound } from './html-reply';
import { RECEIPT_SERVICES, type ReceiptServices } from './receipt-services';

/**
 * Every error becomes a page in the same look: unknown paths the friendly 404, anything else a generic
 * error page. The cause is logged, never shown (no stack traces, no ids).
 */
@Catch()
export class HtmlExceptionFilter implements ExceptionFilter {
  constructor(@Inject(RECEIPT_SERVICES) private readonly s: ReceiptServices) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;
    const m = negotiateLocale(req.headers['accept-language']).messages;
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 404) {
      if (req.url.startsWith('/receipts')) this.s.limiter.recordUnknownReference(req.ip);
      void sendNotFound(reply, m);
      return;
    }
    if (status >= 500) this.s.logger.error({ err: exception, url: req.routeOptions.url }, 'request failed');
    void sendHtml(reply, status >= 400 && status < 500 ? status : 500, renderErrorPage(m), m);
  }
}
