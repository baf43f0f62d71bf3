import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** HTTP-side metrics: requests by route and status, rate-limit refusals, open live streams. */
export class ReceiptHttpMetrics {
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'route'>;
  readonly rateLimited: Counter<'bucket'>;

  constructor(registry: Registry, openStreams: () => number) {
    this.requests = new Counter({
      name: 'receipt_http_requests_total',
      help: 'Receipt HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'receipt_http_request_duration_seconds',
      help: 'Receipt HTTP request duration',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    });
    this.rateLimited = new Counter({
      name: 'receipt_rate_limited_total',
      help: 'Requests refused with 429, by bucket',
      labelNames: ['bucket'],
      registers: [registry],
    });
    new Gauge({
      name: 'receipt_live_streams_open',
      help: 'Open server-sent-event streams',
      registers: [registry],
      collect() {
        this.set(openStreams());
      },
    });
  }
}
