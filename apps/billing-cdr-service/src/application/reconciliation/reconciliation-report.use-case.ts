import { BillingError } from '../../domain/billing.errors';
import {
  buildReconciliationReport,
  type ReconciliationReport,
} from '../../domain/reconciliation/reconciliation-report';
import type { BillingSettings } from '../billing-settings';
import type { BillingRepository } from '../ports/billing-repository.port';
import type { Clock } from '../ports/clock.port';

/** A calendar date YYYY-MM-DD that exists. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Authorised vs CDR total vs captured for every payment of one day (report time zone). */
export class ReconciliationReportUseCase {
  constructor(
    private readonly repository: BillingRepository,
    private readonly settings: BillingSettings,
    private readonly clock: Clock,
  ) {}

  async execute(date: string): Promise<ReconciliationReport> {
    if (!isCalendarDate(date)) {
      throw new BillingError(
        'BILLING.INVALID_REQUEST',
        `date must be a calendar date YYYY-MM-DD, got "${date}"`,
      );
    }
    const records = await this.repository.byBusinessDate(date);
    return buildReconciliationReport(
      date,
      records,
      this.clock.now(),
      this.settings.confirmationDeadlineHours,
    );
  }
}
