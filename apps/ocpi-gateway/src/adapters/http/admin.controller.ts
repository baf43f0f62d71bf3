import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ocpiSuccess, OcpiStatus, parseOcpi, type Terminal } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { peerView } from '../../application/admin/peer-view';
import { OcpiError } from '../../application/ocpi-error';
import type { StoredTerminal } from '../../application/ports/payments-repository.port';
import { renderLocation } from '../../domain/location-read-model';
import type { Party } from '../../domain/party';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { Access } from './ocpi-auth.guard';
import { ok } from './reply';

const CreatePeerBody = z.object({
  name: z.string().min(1).max(100).default('PTP'),
  country_code: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166 alpha-2 code like NL')
    .optional(),
  party_id: z
    .string()
    .regex(/^[A-Za-z0-9]{3}$/, 'expected 3 letters or digits like PTP')
    .optional(),
});

/** The operator view of a terminal: the Terminal plus the PTP owning it (which the assignment URL names). */
function terminalView(t: StoredTerminal): Terminal & { deactivated_at: string | null } {
  return {
    ...t.terminal,
    country_code: t.ptp.countryCode,
    party_id: t.ptp.partyId,
    deactivated_at: t.deactivatedAt ?? null,
  };
}

function partyOf(countryCode: string, partyId: string): Party {
  if (!/^[A-Za-z]{2}$/.test(countryCode) || !/^[A-Za-z0-9]{1,3}$/.test(partyId))
    throw new OcpiError(400, OcpiStatus.INVALID_PARAMETERS, `Not an OCPI party: ${countryCode}/${partyId}`);
  return { countryCode: countryCode.toUpperCase(), partyId: partyId.toUpperCase() };
}

/**
 * Operator API (admin token), the contract the admin CLI is written against (ADR 0005): PTP onboarding and
 * revocation, Locations, terminals. Errors: HTTP 4xx with `{status_code, status_message}`.
 */
@Controller('admin')
@Access('admin')
export class AdminController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Post('peers')
  async createPeer(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const parsed = parseOcpi(CreatePeerBody, body ?? {});
    if (!parsed.ok) throw new OcpiError(400, OcpiStatus.INVALID_PARAMETERS, parsed.message);
    const r = await this.s.createPeer.execute({
      name: parsed.value.name,
      countryCode: parsed.value.country_code,
      partyId: parsed.value.party_id,
    });
    return ok(reply, { peer_id: r.peerId, token_a: r.tokenA, versions_url: r.versionsUrl }, 201);
  }

  @Get('peers')
  async peers() {
    return ocpiSuccess(await this.s.listPeers.execute());
  }

  @Post('peers/:peerId/revoke')
  @HttpCode(200)
  async revoke(@Param('peerId') peerId: string) {
    const revoked = await this.s.revokePeer.execute(peerId);
    const view = (await this.s.listPeers.execute()).find((p) => p.peer_id === revoked.id);
    return ocpiSuccess(view ?? peerView(revoked, undefined, 0));
  }

  @Get('locations')
  locations() {
    return ocpiSuccess(this.s.locations.all().map((l) => renderLocation(l, '2.2.1')));
  }

  @Get('locations/:locationId')
  location(@Param('locationId') locationId: string) {
    const location = this.s.locations.get(locationId);
    if (!location) throw OcpiError.notFound(`Unknown location ${locationId}`);
    return ocpiSuccess(renderLocation(location, '2.2.1'));
  }

  @Put('locations/:locationId')
  @HttpCode(200)
  async putLocation(@Param('locationId') locationId: string, @Body() body: unknown) {
    const location = await this.s.upsertLocation.execute({ locationId, body });
    return ocpiSuccess(renderLocation(location, '2.2.1'));
  }

  @Get('terminals')
  async terminals() {
    return ocpiSuccess((await this.s.payments.listTerminals()).map(terminalView));
  }

  @Post('terminals/:countryCode/:partyId/activate')
  @HttpCode(202)
  async activate(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Body() body: unknown,
  ) {
    return ocpiSuccess(await this.s.terminalActivation.activate(partyOf(countryCode, partyId), body));
  }

  @Post('terminals/:countryCode/:partyId/:terminalId/deactivate')
  @HttpCode(202)
  async deactivate(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('terminalId') terminalId: string,
  ) {
    const stored = await this.s.terminalActivation.deactivate(partyOf(countryCode, partyId), terminalId);
    return ocpiSuccess(terminalView(stored));
  }

  @Post('terminals/:countryCode/:partyId/:terminalId/assignment')
  @HttpCode(200)
  async assign(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('terminalId') terminalId: string,
    @Body() body: unknown,
  ) {
    const ptp = partyOf(countryCode, partyId);
    const terminal = await this.s.assignTerminal.execute(ptp, terminalId, body);
    const stored = await this.s.payments.findTerminal(ptp, terminalId);
    return ocpiSuccess(terminalView(stored ?? { ptp, terminal }));
  }
}
