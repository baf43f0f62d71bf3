import type { DecideContext } from '../domain/billing/billing.decider';
import { calendarDate, type BillingSettings } from './billing-settings';

export function decideContext(settings: BillingSettings, now: Date): DecideContext {
  return {
    now,
    confirmationDeadlineHours: settings.confirmationDeadlineHours,
    businessDateOf: (iso) => calendarDate(iso, settings.reportTimeZone),
  };
}
