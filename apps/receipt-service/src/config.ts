import { BaseEnv } from '@tapcharge/config';
import { z } from 'zod';

const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);

/** Every variable the receipt service reads, validated once at boot (STYLE.md §5). */
export const ReceiptEnv = BaseEnv.extend({
  RECEIPT_PORT: int(0, 65535, 8090),
  RECEIPT_HOST: z.string().default('0.0.0.0'),
  /**
   * Where drivers reach us (scheme://host[:port], no path). The receipt URL, printed as the terminal's QR
   * code, is PUBLIC_BASE_URL + '/receipts/' + authorization_reference: the OCPI gateway's INVOICE_BASE_URL
   * must equal PUBLIC_BASE_URL + '/receipts/'.
   */
  PUBLIC_BASE_URL: z
    .url()
    .default('http://127.0.0.1:8090')
    .transform((u) => u.replace(/\/+$/, '')),
  /** Times are shown in the CDR location's zone when it names one, else in this one. */
  DISPLAY_TIME_ZONE: z
    .string()
    .default('Europe/Amsterdam')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone'),
  KAFKA_GROUP_ID: z.string().default('receipt-service'),
  /**
   * Behind a reverse proxy the client address comes from X-Forwarded-For: 'true' (trust all), a hop count,
   * or a comma-separated list of proxy addresses/CIDRs. 'false' (default): the socket address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] => {
      if (v === 'false' || v === '') return false;
      if (v === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    }),
  /** Every request under /receipts per client IP: a burst, then this many per second. */
  RATE_LIMIT_BURST: int(1, 1_000_000, 60),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(2),
  /** Unknown references per client IP (enumeration): a small burst, then this many per minute. */
  NOT_FOUND_BURST: int(1, 1_000_000, 10),
  NOT_FOUND_PER_MINUTE: z.coerce.number().positive().default(2),
  /** Live streams: re-read the store this often (catches updates consumed by another replica). */
  SSE_POLL_MS: int(200, 600_000, 10_000),
  SSE_KEEPALIVE_MS: int(1_000, 600_000, 15_000),
  /** A stream ends after this long; the browser's EventSource reconnects by itself. */
  SSE_MAX_LIFETIME_MS: int(1_000, 86_400_000, 1_800_000),
  SSE_MAX_PER_IP: int(1, 1_000, 8),
  SSE_MAX_STREAMS: int(1, 100_000, 2_000),
});
export type ReceiptConfig = z.infer<typeof ReceiptEnv>;
