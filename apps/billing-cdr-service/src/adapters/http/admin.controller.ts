import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { IssueCreditNoteUseCase } from '../../application/credit-note/issue-credit-note.use-case';
import type { FindBillingUseCase } from '../../application/lookup/find-billing.use-case';
import type { ReconciliationReportUseCase } from '../../application/reconciliation/reconciliation-report.use-case';
import { BillingError } from '../../domain/billing.errors';
import { reportToCsv } from '../../domain/reconciliation/reconciliation-report';
import { AdminTokenGuard } from '@tapcharge/service-runtime';

export const BILLING_SERVICES = Symbol('BILLING_SERVICES');

export interface BillingServices {
  report: ReconciliationReportUseCase;
  find: FindBillingUseCase;
  creditNote: IssueCreditNoteUseCase;
}

const ReportQuery = z.object({
  date: z.string({ error: 'date is required (YYYY-MM-DD)' }),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
});
const CreditNoteBody = z.object({ reason: z.string({ error: 'reason is required' }).min(1).max(255) });
const Party = z
  .string()
  .regex(/^[A-Za-z]{2}-[A-Za-z0-9]{3}$/, 'party must look like NL-PTP')
  .optional();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BillingError('BILLING.INVALID_REQUEST', z.prettifyError(r.error));
  return r.data;
}

/** Operators' billing API (Bearer ADMIN_TOKEN): reconciliation report, CDR and invoice look-ups, credit notes. */
@Controller('admin')
@UseGuards(AdminTokenGuard)
export class AdminController {
  constructor(@Inject(BILLING_SERVICES) private readonly s: BillingServices) {}

  @Get('reconciliation')
  async reconciliation(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parse(ReportQuery, query);
    const report = await this.s.report.execute(q.date);
    if (q.format === 'json') return report;
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="reconciliation-${report.date}.csv"`);
    return reportToCsv(report);
  }

  @Get('cdrs/:authorizationReference')
  cdr(@Param('authorizationReference') ref: string, @Query('party') party: unknown) {
    return this.s.find.cdr(ref, parse(Party, party));
  }

  @Get('invoices/:authorizationReference')
  invoice(@Param('authorizationReference') ref: string, @Query('party') party: unknown) {
    return this.s.find.invoice(ref, parse(Party, party));
  }

  @Post('invoices/:invoiceNumber/credit-note')
  async creditNote(
    @Param('invoiceNumber') invoiceNumber: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const b = parse(CreditNoteBody, body ?? {});
    const note = await this.s.creditNote.execute({ invoiceNumber, reason: b.reason });
    void reply.status(201);
    return note;
  }
}
