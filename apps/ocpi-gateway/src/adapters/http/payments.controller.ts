import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ocpiSuccess } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { correlationIdOf, registeredPeer, type OcpiRequest } from './ocpi-request';
import { ok, parsePaging, sendJsonPage } from './reply';

/** Payments (2.3.0), Receiver interface, below the advertised `payments` base URL. */
@Controller('ocpi/2.3.0/payments')
export class PaymentsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Post('terminals')
  async createTerminal(
    @Req() req: OcpiRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, terminal } = await this.s.registerTerminal.execute({
      ptp: registeredPeer(req).party,
      body,
    });
    return ok(reply, terminal, created ? 201 : 200);
  }

  /**
   * The caller's terminals, paginated. The spec defines this list on the PTP's (Sender) side only; we offer
   * it on ours too so a PTP can reconcile what we hold (harmless extension, ADR 0005).
   */
  @Get('terminals')
  async terminals(
    @Req() req: OcpiRequest,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parsePaging(query);
    const limit = Math.min(q.limit ?? this.s.ctx.maxPageSize, this.s.ctx.maxPageSize);
    const page = await this.s.payments.pageTerminals(registeredPeer(req).party, q, limit);
    return sendJsonPage(req, reply, this.s.ctx.ocpiBaseUrl, q, this.s.ctx.maxPageSize, {
      items: page.items.map((t) => JSON.stringify(t)),
      total: page.total,
    });
  }

  @Get('terminals/:terminalId')
  async terminal(@Req() req: OcpiRequest, @Param('terminalId') terminalId: string) {
    const stored = await this.s.payments.findTerminal(registeredPeer(req).party, terminalId);
    if (!stored) throw OcpiError.notFound(`Unknown terminal ${terminalId}`);
    return ocpiSuccess(stored.terminal);
  }

  @Post('financial-advice-confirmations')
  async confirm(
    @Req() req: OcpiRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, fac } = await this.s.confirmPayment.execute({
      ptp: registeredPeer(req).party,
      body,
      correlationId: correlationIdOf(req),
    });
    return ok(reply, fac, created ? 201 : 200);
  }

  /** The caller's financial advice confirmations, paginated (as for terminals: mirrors the Sender's list). */
  @Get('financial-advice-confirmations')
  async facs(
    @Req() req: OcpiRequest,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parsePaging(query);
    const limit = Math.min(q.limit ?? this.s.ctx.maxPageSize, this.s.ctx.maxPageSize);
    const page = await this.s.payments.pageFacs(registeredPeer(req).party, q, limit);
    return sendJsonPage(req, reply, this.s.ctx.ocpiBaseUrl, q, this.s.ctx.maxPageSize, {
      items: page.items.map((f) => JSON.stringify(f)),
      total: page.total,
    });
  }

  @Get('financial-advice-confirmations/:facId')
  async fac(@Req() req: OcpiRequest, @Param('facId') facId: string) {
    const stored = await this.s.payments.findFac(registeredPeer(req).party, facId);
    if (!stored) throw OcpiError.notFound(`Unknown financial advice confirmation ${facId}`);
    return ocpiSuccess(stored.fac);
  }
}
