import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

@Controller()
export class HealthController {
  constructor(@Inject(HTTP_DEPS) private readonly deps: HttpDeps) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Kafka, the store and the OCPP listener answer. */
  @Get('ready')
  async ready(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.deps.readiness).map(
        async ([name, check]) => [name, await check().catch(() => false)] as const,
      ),
    );
    const result = Object.fromEntries(entries);
    if (entries.some(([, ok]) => !ok)) throw new ServiceUnavailableException(result);
    return result;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.deps.metrics.registry.metrics();
  }
}
