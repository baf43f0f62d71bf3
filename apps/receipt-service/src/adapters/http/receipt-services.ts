import type { Logger } from '@tapcharge/logging';
import type { Registry } from 'prom-client';
import type { GetReceiptUseCase } from '../../application/get-receipt.use-case';
import type { LiveUpdatesHub } from '../../application/live-updates.hub';
import type { LiveStreamSettings, OpenStreams } from './live-stream';
import type { ReceiptHttpMetrics } from './receipt-http.metrics';
import type { ReceiptRateLimiter, StreamSlots } from './rate-limiter';

export const RECEIPT_SERVICES = Symbol('RECEIPT_SERVICES');

/** Everything the HTTP adapters use, built by the composition root and provided under one DI token. */
export interface ReceiptServices {
  getReceipt: GetReceiptUseCase;
  hub: LiveUpdatesHub;
  limiter: ReceiptRateLimiter;
  streamSlots: StreamSlots;
  openStreams: OpenStreams;
  stream: LiveStreamSettings;
  /** PUBLIC_BASE_URL + '/receipts/': the QR codes encode this + the reference. */
  invoiceBaseUrl: string;
  timeZone: string;
  https: boolean;
  logger: Logger;
  registry: Registry;
  metrics: ReceiptHttpMetrics;
  readiness: () => Promise<Record<string, boolean>>;
}
