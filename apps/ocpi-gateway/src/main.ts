import { runService } from '@tapcharge/service-runtime';
import { startGateway } from './adapters/gateway.app';
import { GatewayEnv } from './config';

runService({
  service: 'ocpi-gateway',
  env: GatewayEnv,
  start: (config, logger) => startGateway(config, logger),
});
