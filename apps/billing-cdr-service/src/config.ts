import { BaseEnv, secret } from '@tapcharge/config';
import { z } from 'zod';
import type { BillingSettings } from './application/billing-settings';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Every variable the billing service reads, validated once at boot (STYLE.md §5). */
export const BillingEnv = BaseEnv.extend({
  BILLING_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  BILLING_HOST: z.string().default('0.0.0.0'),
  ADMIN_TOKEN: secret('dev-admin-token-change-me'),
  KAFKA_GROUP_ID: z.string().default('billing-cdr-service'),
  PARTY_COUNTRY_CODE: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('NL'),
  PARTY_ID: z
    .string()
    .regex(/^[A-Z0-9]{3}$/)
    .default('TPC'),
  SELLER_NAME: z.string().min(1).max(200).default('tapcharge B.V.'),
  SELLER_ADDRESS: z.string().min(1).max(400).default('Stationsplein 1, 1012 AB Amsterdam, NL'),
  SELLER_VAT_NUMBER: z.string().min(1).max(40).default('NL000000000B01'),
  /** CPO: we invoice (CDR invoice_reference_id set); PTP: the terminal provider does. */
  INVOICE_CREATOR: z.enum(['CPO', 'PTP']).default('CPO'),
  CONFIRMATION_DEADLINE_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  DEADLINE_CHECK_INTERVAL_S: z.coerce.number().min(1).max(86_400).default(60),
  RECOVERY_INTERVAL_S: z.coerce.number().min(1).max(86_400).default(30),
  /** The reconciliation day is the calendar date in this zone. */
  REPORT_TIME_ZONE: z.string().refine(isTimeZone, 'unknown IANA time zone').default('UTC'),
  /** OCPI Locations as published to PTPs: the CDR's cdr_location. */
  LOCATIONS_SEED: z.string().default('deploy/seed/locations.json'),
});
export type BillingConfig = z.infer<typeof BillingEnv>;

export function settingsFrom(c: BillingConfig): BillingSettings {
  return {
    cpo: { countryCode: c.PARTY_COUNTRY_CODE, partyId: c.PARTY_ID },
    seller: { name: c.SELLER_NAME, address: c.SELLER_ADDRESS, vatNumber: c.SELLER_VAT_NUMBER },
    invoiceCreator: c.INVOICE_CREATOR,
    confirmationDeadlineHours: c.CONFIRMATION_DEADLINE_HOURS,
    reportTimeZone: c.REPORT_TIME_ZONE,
  };
}
