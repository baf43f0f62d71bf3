import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminTariffsController } from './admin-tariffs.controller';
import { ADMIN_TOKEN, AdminTokenGuard } from '@tapcharge/service-runtime';
import { HttpErrorFilter } from './http-error.filter';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';
import { OpsController } from './ops.controller';

/** The service's HTTP side: /health, /ready, /metrics and the tariff admin API. */
@Module({})
export class TariffHttpModule {
  static forRoot(deps: HttpDeps): DynamicModule {
    return {
      module: TariffHttpModule,
      controllers: [OpsController, AdminTariffsController],
      providers: [
        { provide: HTTP_DEPS, useValue: deps },
        { provide: ADMIN_TOKEN, useValue: deps.adminToken },
        AdminTokenGuard,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
