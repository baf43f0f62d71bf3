import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { versionOf, type OcpiRequest } from './ocpi-request';
import { parsePaging, sendJsonPage } from './reply';

/** Tariffs, Sender interface: the published tariffs in the caller's version shape, paginated. */
@Controller('ocpi/:version/tariffs')
export class TariffsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Get()
  list(
    @Param('version') v: string,
    @Query() query: unknown,
    @Req() req: OcpiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = versionOf(v);
    const q = parsePaging(query);
    const limit = Math.min(q.limit ?? this.s.ctx.maxPageSize, this.s.ctx.maxPageSize);
    return sendJsonPage(
      req,
      reply,
      this.s.ctx.ocpiBaseUrl,
      q,
      this.s.ctx.maxPageSize,
      this.s.tariffs.page(version, q, limit),
    );
  }
}
