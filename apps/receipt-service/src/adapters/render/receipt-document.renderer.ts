import { currentInvoice, phaseOf, type ReceiptState } from '../../domain/receipt';
import { renderEndedPage } from './ended-page.renderer';
import { renderLivePage } from './live-page.renderer';
import type { PageContext } from './page-context';
import { renderReceiptPage } from './receipt-page.renderer';

/** The one receipt URL shows the live page, the ended page or the receipt, by what is known so far. */
export function renderReceiptDocument(r: ReceiptState, ctx: PageContext): string | undefined {
  switch (phaseOf(r)) {
    case 'live':
      return r.session ? renderLivePage(r.authorizationReference, r.session, ctx) : undefined;
    case 'ended':
      return renderEndedPage(r, ctx);
    case 'receipt': {
      const invoice = currentInvoice(r);
      return invoice ? renderReceiptPage(r, invoice, ctx) : undefined;
    }
    default:
      return undefined;
  }
}
