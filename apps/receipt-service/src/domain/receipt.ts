/**
 * The read model behind one receipt URL: everything we learned about one `authorization_reference`, from
 * the session engine (live figures), billing (CDR, invoice) and the OCPI gateway (the payment capture).
 * It deliberately keeps no session, station, CDR or database ids: nothing here may leak into a page.
 */

/** An amount with both VAT views as exact decimal strings; `inclVat` absent when unknown. */
export interface PriceView {
  exclVat: string;
  inclVat?: string;
}

export type SessionStateName =
  'PENDING' | 'STARTING' | 'ACTIVE' | 'STOPPING' | 'COMPLETED' | 'REJECTED' | 'FAILED';

export interface SessionFacts {
  state: SessionStateName;
  connectorId: string;
  startedAt: string;
  endedAt?: string;
  energyWh: number;
  cost: { exclVat: string; inclVat: string; currency: string };
  limitInclVat: { amount: string; currency: string };
  stopReason?: string;
  lastUpdated: string;
}

export interface CdrLocationFacts {
  name?: string;
  address?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  /** The public EVSE ID printed on the charger (eMI3), not our internal uid. */
  evseId?: string;
  connectorId?: string;
  timeZone?: string;
}

export type CostComponent = 'energy' | 'time' | 'parking' | 'fixed' | 'reservation';
export const COST_COMPONENTS: readonly CostComponent[] = [
  'energy',
  'time',
  'parking',
  'fixed',
  'reservation',
];

export interface CdrFacts {
  createdAt: string;
  currency: string;
  startedAt: string;
  endedAt: string;
  location: CdrLocationFacts;
  totalEnergyKwh: string;
  totalTimeHours: string;
  totalParkingTimeHours?: string;
  components: Partial<Record<CostComponent, PriceView>>;
  total: PriceView;
}

export interface PaymentFacts {
  captureStatus: 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED';
  capturedInclVat: string;
  currency: string;
  lastUpdated: string;
}

export interface InvoiceLineFacts {
  description: string;
  quantity: string;
  unit: string;
  exclVat: string;
  vatRate: string;
  vat: string;
  inclVat: string;
}

export interface InvoiceFacts {
  invoiceNumber: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  correctsInvoiceNumber?: string;
  currency: string;
  lines: InvoiceLineFacts[];
  vatBreakdown: Array<{ rate: string; base: string; vat: string }>;
  totalExclVat: string;
  totalVat: string;
  totalInclVat: string;
  eftData: string[];
  seller: { name: string; address: string; vatNumber: string };
  issuedAt: string;
}

export interface ReceiptState {
  authorizationReference: string;
  session?: SessionFacts;
  cdr?: CdrFacts;
  payment?: PaymentFacts;
  /** Invoices and credit notes in issue order (bounded). */
  invoices: InvoiceFacts[];
}

export const emptyReceipt = (authorizationReference: string): ReceiptState => ({
  authorizationReference,
  invoices: [],
});

/** What the one receipt URL shows right now. */
export type ReceiptPhase = 'live' | 'ended' | 'receipt';

const ENDED: ReadonlySet<SessionStateName> = new Set(['COMPLETED', 'REJECTED', 'FAILED']);

export function isSessionOver(s: SessionFacts): boolean {
  return ENDED.has(s.state);
}

/** `undefined`: nothing known about this reference (the 404 page). */
export function phaseOf(r: ReceiptState): ReceiptPhase | undefined {
  if (currentInvoice(r)) return 'receipt';
  if (r.cdr || r.payment || r.invoices.length > 0) return 'ended';
  if (!r.session) return undefined;
  return isSessionOver(r.session) ? 'ended' : 'live';
}

/** The invoice the receipt shows: the last one issued; credit notes only correct it. */
export function currentInvoice(r: ReceiptState): InvoiceFacts | undefined {
  for (let i = r.invoices.length - 1; i >= 0; i--) {
    const inv = r.invoices[i];
    if (inv?.kind === 'INVOICE') return inv;
  }
  return undefined;
}

/** Credit notes that cancel the given invoice. */
export function creditNotesFor(r: ReceiptState, invoiceNumber: string): InvoiceFacts[] {
  return r.invoices.filter((i) => i.kind === 'CREDIT_NOTE' && i.correctsInvoiceNumber === invoiceNumber);
}
