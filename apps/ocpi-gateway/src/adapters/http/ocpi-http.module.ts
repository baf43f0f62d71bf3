import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AdminController } from './admin.controller';
import { CommandsController } from './commands.controller';
import { CredentialsController } from './credentials.controller';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import { LocationsController } from './locations.controller';
import { OcpiAuthGuard } from './ocpi-auth.guard';
import { OcpiExceptionFilter } from './ocpi-exception.filter';
import { OpenApiController } from './openapi/openapi.controller';
import { OpsController } from './ops.controller';
import { PaymentsController } from './payments.controller';
import { SessionsCdrsController } from './sessions-cdrs.controller';
import { VersionsController } from './versions.controller';

@Module({})
export class OcpiHttpModule {
  static with(services: GatewayServices): DynamicModule {
    return {
      module: OcpiHttpModule,
      controllers: [
        OpsController,
        OpenApiController,
        AdminController,
        PaymentsController,
        CommandsController,
        CredentialsController,
        LocationsController,
        SessionsCdrsController,
        VersionsController,
      ],
      providers: [
        { provide: GATEWAY_SERVICES, useValue: services },
        { provide: APP_GUARD, useClass: OcpiAuthGuard },
        { provide: APP_FILTER, useClass: OcpiExceptionFilter },
      ],
    };
  }
}
