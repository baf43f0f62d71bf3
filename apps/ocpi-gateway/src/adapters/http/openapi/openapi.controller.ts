import { Controller, Get, Inject } from '@nestjs/common';
import { GATEWAY_SERVICES, type GatewayServices } from '../gateway-services';
import { Access } from '../ocpi-auth.guard';
import { buildOpenApiDocument } from './openapi.document';

@Controller('ocpi')
@Access('public')
export class OpenApiController {
  private document: Record<string, unknown> | undefined;

  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Get('openapi.json')
  openapi() {
    this.document ??= buildOpenApiDocument(this.s.ctx.ocpiBaseUrl.replace(/\/ocpi$/, ''));
    return this.document;
  }
}
