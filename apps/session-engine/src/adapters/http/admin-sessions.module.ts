import { Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard } from '@tapcharge/service-runtime';
import { AdminSessionsController, SESSION_ADMIN } from './admin-sessions.controller';
import type { SessionAdmin } from './session-admin';

@Module({})
export class AdminSessionsModule {
  static with(admin: SessionAdmin, adminToken: string): DynamicModule {
    return {
      module: AdminSessionsModule,
      controllers: [AdminSessionsController],
      providers: [
        { provide: SESSION_ADMIN, useValue: admin },
        { provide: ADMIN_TOKEN, useValue: adminToken },
        AdminTokenGuard,
      ],
    };
  }
}
