import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RECEIPT_SERVICES, type ReceiptServices } from './receipt-services';

/** Liveness, readiness (store answers, Kafka group joined) and Prometheus metrics. */
@Controller()
export class OpsController {
  constructor(@Inject(RECEIPT_SERVICES) private readonly s: ReceiptServices) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.s.readiness();
    const ready = Object.values(checks).every(Boolean);
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  }

  /** Browsers ask for it on every page; no icon, and no 404 noise in logs and metrics. */
  @Get('favicon.ico')
  favicon(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.status(204).header('cache-control', 'public, max-age=86400');
  }

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type(this.s.registry.contentType);
    return this.s.registry.metrics();
  }
}
