import { Module, type DynamicModule } from '@nestjs/common';
import { AdminStationsController } from './admin-stations.controller';
import { ADMIN_TOKEN, AdminTokenGuard } from '@tapcharge/service-runtime';
import { HealthController } from './health.controller';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

/** The gateway's HTTP side: /health, /ready, /metrics and the station admin API. */
@Module({})
export class GatewayHttpModule {
  static forRoot(deps: HttpDeps): DynamicModule {
    return {
      module: GatewayHttpModule,
      controllers: [HealthController, AdminStationsController],
      providers: [
        { provide: HTTP_DEPS, useValue: deps },
        { provide: ADMIN_TOKEN, useValue: deps.adminToken },
        AdminTokenGuard,
      ],
    };
  }
}
