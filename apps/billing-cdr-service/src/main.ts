import { runService } from '@tapcharge/service-runtime';
import { startBilling } from './adapters/billing.app';
import { BillingEnv } from './config';

runService({ service: 'billing-cdr-service', env: BillingEnv, start: startBilling });
