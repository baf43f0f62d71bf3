import type { FastifyInstance } from 'fastify';
import { negotiateLocale } from '../../domain/i18n/locale.negotiator';
import { sendTooMany } from './html-reply';
import type { ReceiptServices } from './receipt-services';
import { securityHeaders } from './security-headers';

/**
 * Cross-cutting HTTP behaviour: the overall per-IP rate limit on everything under /receipts (before
 * routing, so even 404s spend tokens), security headers on every response, and request metrics.
 */
export function installReceiptHooks(fastify: FastifyInstance, s: ReceiptServices): void {
  const headers = securityHeaders(s.https);
  fastify.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/receipts')) return;
    const admitted = s.limiter.admit(req.ip);
    if (admitted.allowed) return;
    s.metrics.rateLimited.inc({ bucket: 'overall' });
    await sendTooMany(
      reply,
      negotiateLocale(req.headers['accept-language']).messages,
      admitted.retryAfterSeconds,
    );
  });
  fastify.addHook('onSend', async (_req, reply, payload) => {
    void reply.headers(headers);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  fastify.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    s.metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    s.metrics.duration.observe({ route }, reply.elapsedTime / 1000);
  });
}
