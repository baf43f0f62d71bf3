import { runService } from '@tapcharge/service-runtime';
import { GatewayEnv } from './config';
import { SERVICE, startGateway } from './gateway';

runService({
  service: SERVICE,
  env: GatewayEnv,
  start: async (config, logger) => {
    const gateway = await startGateway(config, { logger });
    return { close: () => gateway.stop() };
  },
});
