import { DisplayFormatter } from '../../domain/format/display.formatter';
import type { NegotiatedLocale } from '../../domain/i18n/locale.negotiator';
import type { Messages } from '../../domain/i18n/messages';

/** What a page render needs besides the receipt: the driver's language and where times are shown. */
export interface PageContext {
  locale: NegotiatedLocale;
  /** IANA zone for times when the CDR names none (DISPLAY_TIME_ZONE). */
  timeZone: string;
}

export function formatterFor(ctx: PageContext, zone?: string): DisplayFormatter {
  return new DisplayFormatter(ctx.locale.locale, zone && isValidZone(zone) ? zone : ctx.timeZone);
}

export function messagesOf(ctx: PageContext): Messages {
  return ctx.locale.messages;
}

/** Links relative to the page URL `/receipts/<encoded ref>`: the reference is one encoded path segment. */
export function receiptLinks(reference: string, locale: string, phase: 'live' | 'ended' | 'receipt') {
  const seg = encodeURIComponent(reference);
  return {
    /** The stream ends with `completed` as soon as the receipt is no longer in the phase the page shows. */
    events: `${seg}/events?lang=${encodeURIComponent(locale)}&phase=${phase}`,
    pdf: `${seg}/invoice.pdf`,
  };
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
