import { runService } from '@tapcharge/service-runtime';
import { startReceiptService } from './adapters/receipt.app';
import { ReceiptEnv } from './config';

runService({ service: 'receipt-service', env: ReceiptEnv, start: startReceiptService });
