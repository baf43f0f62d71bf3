import { ocpiError, OcpiStatus } from '@tapcharge/ocpi';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Party } from '../../domain/party';

const ROUTING_COUNTRY = /^[A-Za-z]{2}$/;
const ROUTING_PARTY = /^[A-Za-z0-9]{1,3}$/;

/**
 * Transport details every OCPI response carries: X-Request-ID / X-Correlation-ID echoed, routing headers
 * mirrored (response FROM = us, TO = the requesting party), and HTTP metrics. Callback-style hooks and cached
 * metric children: they run on every request, the hot list routes included.
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
  const counters = new Map<string, { inc(): void }>();
  const timers = new Map<string, { observe(v: number): void }>();

  fastify.addHook('onSend', (req, reply, payload, done) => {
    const rid = req.headers['x-request-id'];
    const cid = req.headers['x-correlation-id'];
    if (typeof rid === 'string' && rid.length <= 255) void reply.header('X-Request-ID', rid);
    if (typeof cid === 'string' && cid.length <= 255) void reply.header('X-Correlation-ID', cid);
    const fromCc = req.headers['ocpi-from-country-code'];
    const fromPid = req.headers['ocpi-from-party-id'];
    if (
      typeof fromCc === 'string' &&
      typeof fromPid === 'string' &&
      req.url.startsWith('/ocpi/') &&
      ROUTING_COUNTRY.test(fromCc) &&
      ROUTING_PARTY.test(fromPid)
    ) {
      void reply.header('OCPI-to-country-code', fromCc).header('OCPI-to-party-id', fromPid);
      void reply.header('OCPI-from-country-code', cpo.countryCode).header('OCPI-from-party-id', cpo.partyId);
    }
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const countKey = `${req.method} ${route} ${status}`;
    let counter = counters.get(countKey);
    if (!counter) {
      counter = requests.labels({ method: req.method, route, status });
      counters.set(countKey, counter);
    }
    counter.inc();
    const timeKey = `${req.method} ${route}`;
    let timer = timers.get(timeKey);
    if (!timer) {
      timer = duration.labels({ method: req.method, route });
      timers.set(timeKey, timer);
    }
    timer.observe(reply.elapsedTime / 1000);
    done();
  });
}

/**
 * Errors fastify's router raises before any route or Nest filter runs: a malformed percent-encoding in the
 * path (HTTP 400, 2001) and a path segment longer than the router allows (no OCPI id is that long: HTTP 404).
 * Both get an OCPI error body like every other answer.
 */
export function ocpiFrameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const [status, code, message] =
    error.code === 'FST_ERR_BAD_URL'
      ? [400, OcpiStatus.INVALID_PARAMETERS, 'Malformed URL: invalid percent-encoding in the path']
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? [404, OcpiStatus.CLIENT_ERROR, 'Unknown object: a path parameter is longer than any id we serve']
        : [400, OcpiStatus.CLIENT_ERROR, error.message];
  void reply
    .status(status)
    .type('application/json')
    .send(JSON.stringify(ocpiError(code, message)));
}

/**
 * OCPI bodies are JSON whatever a peer declares: `text/plain`, a missing or any other content type is read
 * as JSON too (a reading many HTTP clients force on their users), with fastify's own guarded JSON parser.
 * What is not JSON stays an HTTP 400 with status 2001.
 */
export function acceptJsonOfAnyContentType(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, parseJson);
  fastify.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
}
