import { runService } from '@tapcharge/service-runtime';
import { SERVICE, startTariffService } from './adapters/tariff-service.app';
import { TariffEnv } from './config';

runService({ service: SERVICE, env: TariffEnv, start: startTariffService });
