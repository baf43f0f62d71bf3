import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

export const OPS = Symbol('OPS');

export interface OpsPort {
  readiness(): Promise<Record<string, boolean>>;
  metrics(): Promise<{ contentType: string; body: string }>;
}

/** `/health` (liveness: the process serves), `/ready` (Kafka and store reachable), `/metrics` (Prometheus). */
@Controller()
export class OpsController {
  constructor(@Inject(OPS) private readonly ops: OpsPort) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.ops.readiness();
    const ready = Object.values(checks).every(Boolean);
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  }

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply) {
    const m = await this.ops.metrics();
    void reply.type(m.contentType);
    return m.body;
  }
}
