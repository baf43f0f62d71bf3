import { Body, Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { parseOcpi } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { Access } from './ocpi-auth.guard';
import { ok } from './reply';

const CreatePeerBody = z.object({ name: z.string().min(1).max(100).default('PTP') });

/** Operator API (admin token): onboard a PTP (token A), assign Locations/EVSEs to its terminals. */
@Controller('admin')
@Access('admin')
export class AdminController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Post('peers')
  async createPeer(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const parsed = parseOcpi(CreatePeerBody, body ?? {});
    if (!parsed.ok) throw new OcpiError(400, 2001, parsed.message);
    const r = await this.s.createPeer.execute(parsed.value);
    return ok(reply, { peer_id: r.peerId, token_a: r.tokenA, versions_url: r.versionsUrl }, 201);
  }

  @Post('terminals/:countryCode/:partyId/:terminalId/assignment')
  async assign(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('terminalId') terminalId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const terminal = await this.s.assignTerminal.execute(
      { countryCode: countryCode.toUpperCase(), partyId: partyId.toUpperCase() },
      terminalId,
      body,
    );
    return ok(reply, terminal);
  }
}
