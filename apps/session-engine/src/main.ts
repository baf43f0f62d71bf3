import { runService } from '@tapcharge/service-runtime';
import { startSessionEngine } from './adapters/engine.app';
import { EngineEnv } from './config';

runService({
  service: 'session-engine',
  env: EngineEnv,
  start: (config, logger) => startSessionEngine(config, logger),
});
