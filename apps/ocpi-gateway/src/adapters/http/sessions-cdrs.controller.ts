import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { registeredPeer, versionOf, type OcpiRequest } from './ocpi-request';
import { parsePaging, sendJsonPage } from './reply';

/** Sessions and CDRs, Sender interface: each PTP sees only its own, oldest first, paginated. */
@Controller('ocpi/:version')
export class SessionsCdrsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Get('sessions')
  async sessions(
    @Param('version') v: string,
    @Query() query: unknown,
    @Req() req: OcpiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    versionOf(v);
    const q = parsePaging(query);
    const limit = Math.min(q.limit ?? this.s.ctx.maxPageSize, this.s.ctx.maxPageSize);
    const page = await this.s.sessions.pageSessions(registeredPeer(req).party, q, limit);
    return sendJsonPage(req, reply, this.s.ctx.ocpiBaseUrl, q, this.s.ctx.maxPageSize, {
      items: page.items.map((i) => JSON.stringify(i)),
      total: page.total,
    });
  }

  @Get('cdrs')
  async cdrs(
    @Param('version') v: string,
    @Query() query: unknown,
    @Req() req: OcpiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    versionOf(v);
    const q = parsePaging(query);
    const limit = Math.min(q.limit ?? this.s.ctx.maxPageSize, this.s.ctx.maxPageSize);
    const page = await this.s.sessions.pageCdrs(registeredPeer(req).party, q, limit);
    return sendJsonPage(req, reply, this.s.ctx.ocpiBaseUrl, q, this.s.ctx.maxPageSize, {
      items: page.items.map((i) => JSON.stringify(i)),
      total: page.total,
    });
  }
}
