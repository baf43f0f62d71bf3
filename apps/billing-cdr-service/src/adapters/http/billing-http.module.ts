import { Module, type DynamicModule } from '@nestjs/common';
import { AdminController, BILLING_SERVICES, type BillingServices } from './admin.controller';
import { ADMIN_TOKEN, AdminTokenGuard, OPS, OpsController, type OpsPort } from '@tapcharge/service-runtime';

@Module({})
export class BillingHttpModule {
  static with(services: BillingServices, ops: OpsPort, adminToken: string): DynamicModule {
    return {
      module: BillingHttpModule,
      controllers: [OpsController, AdminController],
      providers: [
        { provide: BILLING_SERVICES, useValue: services },
        { provide: OPS, useValue: ops },
        { provide: ADMIN_TOKEN, useValue: adminToken },
        AdminTokenGuard,
      ],
    };
  }
}
