import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ocpiSuccess, type CommandResponse } from '@tapcharge/ocpi';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { correlationIdOf, registeredPeer, versionOf, type OcpiRequest } from './ocpi-request';

const SUPPORTED = new Set(['START_SESSION', 'STOP_SESSION']);
const KNOWN = new Set(['CANCEL_RESERVATION', 'RESERVE_NOW', 'UNLOCK_CONNECTOR']);

/** Commands, Receiver interface: `POST {commands}/{command}`; the CommandResponse comes back at once. */
@Controller('ocpi/:version/commands')
export class CommandsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Post(':command')
  @HttpCode(200)
  async command(
    @Param('version') v: string,
    @Param('command') command: string,
    @Req() req: OcpiRequest,
    @Body() body: unknown,
  ) {
    const version = versionOf(v);
    const peer = registeredPeer(req);
    const correlationId = correlationIdOf(req);
    const name = command.toUpperCase();
    let response: CommandResponse;
    if (name === 'START_SESSION')
      response = await this.s.startSession.execute({ peer, version, body, correlationId });
    else if (name === 'STOP_SESSION')
      response = await this.s.stopSession.execute({ peer, body, correlationId });
    else {
      const text = KNOWN.has(name) || !SUPPORTED.has(name) ? `${command} is not supported` : '';
      response = {
        result: 'NOT_SUPPORTED',
        timeout: this.s.ctx.commandTimeoutSeconds,
        message: [{ language: 'en', text }],
      };
    }
    return ocpiSuccess(response);
  }
}
