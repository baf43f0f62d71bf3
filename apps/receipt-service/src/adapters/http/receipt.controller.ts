import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkAuthorizationReference, receiptUrl } from '../../domain/authorization-reference';
import { negotiateLocale } from '../../domain/i18n/locale.negotiator';
import { currentInvoice, phaseOf, type ReceiptPhase, type ReceiptState } from '../../domain/receipt';
import { renderInvoicePdf } from '../render/invoice-pdf.renderer';
import type { PageContext } from '../render/page-context';
import { renderQrPng, renderQrSvg } from '../render/qr-code.renderer';
import { renderReceiptDocument } from '../render/receipt-document.renderer';
import { sendHtml, sendNotFound, sendTooMany } from './html-reply';
import { LiveStream } from './live-stream';
import { RECEIPT_SERVICES, type ReceiptServices } from './receipt-services';
import { securityHeaders } from './security-headers';

const PHASES: readonly ReceiptPhase[] = ['live', 'ended', 'receipt'];

/**
 * The driver-facing URLs, all under `{invoice_base_url}{authorization_reference}`. Fastify has already
 * percent-decoded the reference; it is validated as an OCPI CiString(36) before anything else.
 */
@Controller('receipts')
export class ReceiptController {
  constructor(@Inject(RECEIPT_SERVICES) private readonly s: ReceiptServices) {}

  @Get(':ref')
  async page(@Param('ref') raw: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.context(req.headers['accept-language']);
    const found = await this.lookup(raw, req, reply, ctx);
    if (!found) return reply;
    const html = renderReceiptDocument(found, ctx);
    if (!html) return sendNotFound(reply, ctx.locale.messages);
    return sendHtml(reply, 200, html, ctx.locale.messages);
  }

  @Get(':ref/invoice.pdf')
  async pdf(@Param('ref') raw: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = this.context(req.headers['accept-language']);
    const found = await this.lookup(raw, req, reply, ctx);
    if (!found) return reply;
    const invoice = currentInvoice(found);
    if (!invoice) return sendNotFound(reply, ctx.locale.messages);
    const pdf = await renderInvoicePdf(found, invoice, ctx);
    const filename = `invoice-${invoice.invoiceNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
    return reply
      .status(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('content-language', ctx.locale.messages.lang)
      .header('vary', 'Accept-Language')
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  /** The QR code of the receipt URL, for terminals that show ours. Needs no lookup: it encodes only the URL. */
  @Get(':ref/qr.svg')
  async qrSvg(@Param('ref') raw: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const ref = this.referenceOrNotFound(raw, req, reply);
    if (ref === undefined) return reply;
    const svg = await renderQrSvg(receiptUrl(this.s.invoiceBaseUrl, ref));
    return reply
      .status(200)
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(svg);
  }

  @Get(':ref/qr.png')
  async qrPng(
    @Param('ref') raw: string,
    @Query('scale') scaleParam: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ref = this.referenceOrNotFound(raw, req, reply);
    if (ref === undefined) return reply;
    const scale = /^\d{1,2}$/.test(scaleParam ?? '') ? Math.min(20, Math.max(1, Number(scaleParam))) : 8;
    const png = await renderQrPng(receiptUrl(this.s.invoiceBaseUrl, ref), scale);
    return reply
      .status(200)
      .header('content-type', 'image/png')
      .header('cache-control', 'public, max-age=3600')
      .send(png);
  }

  @Get(':ref/events')
  async events(
    @Param('ref') raw: string,
    @Query('lang') lang: string | undefined,
    @Query('phase') phaseParam: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ctx = this.context(lang ?? req.headers['accept-language']);
    const found = await this.lookup(raw, req, reply, ctx);
    if (!found) return reply;
    const current = phaseOf(found);
    if (!current) return sendNotFound(reply, ctx.locale.messages);
    const release = this.s.streamSlots.acquire(req.ip);
    if (!release) {
      this.s.metrics.rateLimited.inc({ bucket: 'streams' });
      return sendTooMany(reply, ctx.locale.messages, 30);
    }
    const pagePhase = PHASES.find((p) => p === phaseParam) ?? current;
    reply.hijack();
    reply.raw.writeHead(200, {
      ...securityHeaders(this.s.https),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let forget: () => void = () => undefined;
    const stream = new LiveStream(
      reply.raw,
      found.authorizationReference,
      pagePhase,
      ctx,
      { getReceipt: this.s.getReceipt, hub: this.s.hub, settings: this.s.stream, logger: this.s.logger },
      () => {
        release();
        forget();
      },
    );
    forget = this.s.openStreams.add(stream);
    stream.start(found);
    return reply;
  }

  private context(acceptLanguage: string | string[] | undefined): PageContext {
    const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
    return { locale: negotiateLocale(header), timeZone: this.s.timeZone };
  }

  /**
   * Rate-limited lookup: an IP that used up its unknown-reference allowance gets 429 before any store
   * read; an unknown or malformed reference spends from it and gets the friendly 404.
   */
  private async lookup(
    raw: string,
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
  ): Promise<ReceiptState | undefined> {
    const m = ctx.locale.messages;
    const allowed = this.s.limiter.mayLookUp(req.ip);
    if (!allowed.allowed) {
      this.s.metrics.rateLimited.inc({ bucket: 'not_found' });
      sendTooMany(reply, m, allowed.retryAfterSeconds);
      return undefined;
    }
    const ref = checkAuthorizationReference(raw);
    const state = ref.ok ? await this.s.getReceipt.execute(ref.value) : undefined;
    if (!state || !phaseOf(state)) {
      this.s.limiter.recordUnknownReference(req.ip);
      sendNotFound(reply, m);
      return undefined;
    }
    return state;
  }

  private referenceOrNotFound(raw: string, req: FastifyRequest, reply: FastifyReply): string | undefined {
    const ref = checkAuthorizationReference(raw);
    if (ref.ok) return ref.value;
    this.s.limiter.recordUnknownReference(req.ip);
    sendNotFound(reply, negotiateLocale(req.headers['accept-language']).messages);
    return undefined;
  }
}
