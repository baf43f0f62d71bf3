import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ocpiSuccess } from '@tapcharge/ocpi';
import type { FastifyReply } from 'fastify';
import { OcpiError } from '../../application/ocpi-error';
import { renderConnector, renderEvse } from '../../domain/location-read-model';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { versionOf } from './ocpi-request';

/** Locations, Sender interface (mod_locations): one Location / EVSE / Connector (the list: hot-routes.ts). */
@Controller('ocpi/:version/locations')
export class LocationsController {
  constructor(@Inject(GATEWAY_SERVICES) private readonly s: GatewayServices) {}

  @Get(':locationId')
  one(
    @Param('version') v: string,
    @Param('locationId') locationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = versionOf(v);
    const location = this.s.locations.get(locationId);
    if (!location) throw OcpiError.notFound(`Unknown location ${locationId}`);
    void reply.type('application/json');
    return `{"data":${this.s.locations.locationJson(location, version)},"status_code":1000,"timestamp":"${ocpiSuccess().timestamp}"}`;
  }

  @Get(':locationId/:evseUid')
  evse(
    @Param('version') v: string,
    @Param('locationId') locationId: string,
    @Param('evseUid') evseUid: string,
  ) {
    const version = versionOf(v);
    const found = this.s.locations.resolve(locationId, evseUid, undefined);
    if (found.kind === 'unknown-location' || found.kind === 'unknown-evse')
      throw OcpiError.notFound(`Unknown EVSE ${locationId}/${evseUid}`);
    const evse = this.s.locations
      .get(locationId)
      ?.evses?.find((e) => e.uid.toUpperCase() === evseUid.toUpperCase());
    if (!evse) throw OcpiError.notFound(`Unknown EVSE ${locationId}/${evseUid}`);
    return ocpiSuccess(renderEvse(evse, version));
  }

  @Get(':locationId/:evseUid/:connectorId')
  connector(
    @Param('version') v: string,
    @Param('locationId') locationId: string,
    @Param('evseUid') evseUid: string,
    @Param('connectorId') connectorId: string,
  ) {
    const version = versionOf(v);
    const found = this.s.locations.resolve(locationId, evseUid, connectorId);
    if (found.kind !== 'ok')
      throw OcpiError.notFound(`Unknown connector ${locationId}/${evseUid}/${connectorId}`);
    return ocpiSuccess(renderConnector(found.connector, version));
  }
}
