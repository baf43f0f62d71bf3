import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

/** `/health` (liveness), `/ready` (Kafka and store answer), `/metrics` (Prometheus). No token. */
@Controller()
export class OpsController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const entries = await Promise.all(
      Object.entries(this.deps.readiness).map(
        async ([name, check]) => [name, await check().catch(() => false)] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  }

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type(this.deps.metrics.registry.contentType);
    return this.deps.metrics.registry.metrics();
  }
}
