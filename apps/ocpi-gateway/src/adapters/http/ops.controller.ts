import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { Access } from './ocpi-auth.guard';

@Controller()
@Access('public')
export class OpsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

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

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type(this.s.metrics.contentType);
    return this.s.metrics.metrics();
  }
}
