import type { FastifyReply } from 'fastify';
import type { Messages } from '../../domain/i18n/messages';
import { renderNotFoundPage, renderTooManyRequestsPage } from '../render/status-page.renderer';

/** Pages are personal (a receipt, a payment): never cached by anyone, negotiated by language. */
export function sendHtml(reply: FastifyReply, status: number, html: string, m: Messages): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', m.lang)
    .header('vary', 'Accept-Language')
    .header('cache-control', 'no-store')
    .send(html);
}

export function sendNotFound(reply: FastifyReply, m: Messages): FastifyReply {
  return sendHtml(reply, 404, renderNotFoundPage(m), m);
}

export function sendTooMany(reply: FastifyReply, m: Messages, retryAfterSeconds: number): FastifyReply {
  void reply.header('retry-after', String(retryAfterSeconds));
  return sendHtml(reply, 429, renderTooManyRequestsPage(m, retryAfterSeconds), m);
}
