import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ocpiSuccess, tokenCandidates } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { ourCredentials } from '../../application/credentials/our-credentials';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { Access } from './ocpi-auth.guard';
import { authOf, versionOf, type OcpiRequest } from './ocpi-request';
import { ok } from './reply';

@Controller('ocpi/:version/credentials')
@Access('token-a')
export class CredentialsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  /** Our credentials as the peer knows them: the token it presented (we keep only hashes). */
  @Get()
  get(@Param('version') v: string, @Req() req: OcpiRequest) {
    const version = versionOf(v);
    const { peer } = authOf(req);
    if (peer.status !== 'REGISTERED') throw OcpiError.methodNotAllowed('Not registered');
    const token = tokenCandidates(req.headers.authorization)[0] ?? '';
    return ocpiSuccess(ourCredentials(this.s.ctx, token, version));
  }

  @Post()
  @HttpCode(200)
  async register(
    @Param('version') v: string,
    @Req() req: OcpiRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const credentials = await this.s.registerCredentials.execute({
      peer: authOf(req).peer,
      version: versionOf(v),
      body,
      mode: 'register',
    });
    return ok(reply, credentials);
  }

  @Put()
  async update(
    @Param('version') v: string,
    @Req() req: OcpiRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const credentials = await this.s.registerCredentials.execute({
      peer: authOf(req).peer,
      version: versionOf(v),
      body,
      mode: 'update',
    });
    return ok(reply, credentials);
  }

  @Delete()
  async unregister(@Param('version') v: string, @Req() req: OcpiRequest) {
    versionOf(v);
    await this.s.unregisterCredentials.execute(authOf(req).peer);
    return ocpiSuccess();
  }
}
