import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ChangeKind, ChangeObserver } from '../../application/ports/change-observer.port';

/** Prometheus metrics of one tariff-service process (`GET /metrics`). */
export class TariffMetrics implements ChangeObserver {
  readonly registry = new Registry();
  readonly changes = new Counter({
    name: 'tariff_changes_total',
    help: 'Tariff changes stored with a TariffChanged to publish, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly deferred = new Counter({
    name: 'tariff_publish_deferred_total',
    help: 'TariffChanged events whose immediate publish failed (left to the outbox recovery)',
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'tariff_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'tariff_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  changed(kind: ChangeKind): void {
    this.changes.inc({ kind });
  }

  publishDeferred(): void {
    this.deferred.inc();
  }
}
