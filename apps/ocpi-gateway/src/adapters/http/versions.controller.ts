import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ocpiSuccess, type Endpoint, type OcpiVersion, type VersionDetails } from '@tapcharge/ocpi';
import { SUPPORTED_VERSIONS, versionUrl, type GatewayContext } from '../../application/gateway-context';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { Access } from './ocpi-auth.guard';
import { versionOf } from './ocpi-request';

/**
 * What we implement per version (checklist §10.1). `payments` exists in 2.3.0 only; its URL is the module
 * base serving `/terminals` and `/financial-advice-confirmations`.
 */
export function endpointsFor(ctx: GatewayContext, version: OcpiVersion): Endpoint[] {
  const base = versionUrl(ctx, version);
  const list: Endpoint[] = [
    { identifier: 'credentials', role: 'SENDER', url: `${base}/credentials` },
    { identifier: 'locations', role: 'SENDER', url: `${base}/locations` },
    { identifier: 'tariffs', role: 'SENDER', url: `${base}/tariffs` },
    { identifier: 'sessions', role: 'SENDER', url: `${base}/sessions` },
    { identifier: 'cdrs', role: 'SENDER', url: `${base}/cdrs` },
    { identifier: 'commands', role: 'RECEIVER', url: `${base}/commands` },
  ];
  if (version === '2.3.0') list.push({ identifier: 'payments', role: 'RECEIVER', url: `${base}/payments` });
  return list;
}

@Controller('ocpi')
@Access('token-a')
export class VersionsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Get('versions')
  versions() {
    return ocpiSuccess(SUPPORTED_VERSIONS.map((v) => ({ version: v, url: versionUrl(this.s.ctx, v) })));
  }

  @Get(':version')
  details(@Param('version') v: string) {
    const version = versionOf(v);
    const details: VersionDetails = { version, endpoints: endpointsFor(this.s.ctx, version) };
    return ocpiSuccess(details);
  }
}
