import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Party } from '../../domain/party';

/**
 * Transport details every OCPI response carries: X-Request-ID / X-Correlation-ID echoed, routing headers
 * mirrored (response FROM = us, TO = the requesting party), and HTTP metrics.
 */
export function installOcpiHooks(fastify: FastifyInstance, cpo: Party, registry: Registry): void {
  const requests = new Counter({
    name: 'ocpi_http_requests_total',
    help: 'OCPI HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ocpi_http_request_duration_seconds',
    help: 'OCPI HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  fastify.addHook('onSend', async (req, reply, payload) => {
    const rid = req.headers['x-request-id'];
    const cid = req.headers['x-correlation-id'];
    if (typeof rid === 'string' && rid.length <= 255) void reply.header('X-Request-ID', rid);
    if (typeof cid === 'string' && cid.length <= 255) void reply.header('X-Correlation-ID', cid);
    const fromCc = req.headers['ocpi-from-country-code'];
    const fromPid = req.headers['ocpi-from-party-id'];
    if (
      req.url.startsWith('/ocpi/') &&
      typeof fromCc === 'string' &&
      typeof fromPid === 'string' &&
      /^[A-Za-z]{2}$/.test(fromCc) &&
      /^[A-Za-z0-9]{1,3}$/.test(fromPid)
    ) {
      void reply.header('OCPI-to-country-code', fromCc).header('OCPI-to-party-id', fromPid);
      void reply.header('OCPI-from-country-code', cpo.countryCode).header('OCPI-from-party-id', cpo.partyId);
    }
    return payload;
  });
  fastify.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
}
