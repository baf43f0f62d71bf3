import { negotiateLocale } from '../src/domain/i18n/locale.negotiator';
import type { InvoiceFacts, ReceiptState, SessionFacts } from '../src/domain/receipt';
import type { PageContext } from '../src/adapters/render/page-context';

/** Receipt states for the renderer specs. */
export const ctxFor = (lang: string): PageContext => ({
  locale: negotiateLocale(lang),
  timeZone: 'Europe/Amsterdam',
});

export const aSession = (o: Partial<SessionFacts> = {}): SessionFacts => ({
  state: 'ACTIVE',
  connectorId: '2',
  startedAt: '2026-11-24T10:00:00Z',
  energyWh: 7350,
  cost: { exclVat: '2.94', inclVat: '3.5574', currency: 'EUR' },
  limitInclVat: { amount: '40.00', currency: 'EUR' },
  lastUpdated: '2026-11-24T10:20:00Z',
  ...o,
});

export const anInvoice = (o: Partial<InvoiceFacts> = {}): InvoiceFacts => ({
  invoiceNumber: 'TPC-2026-000042',
  kind: 'INVOICE',
  currency: 'EUR',
  lines: [
    {
      description: 'Energy',
      quantity: '21.004',
      unit: 'kWh',
      exclVat: '8.40',
      vatRate: '21',
      vat: '1.76',
      inclVat: '10.16',
    },
    {
      description: 'Session fee',
      quantity: '1',
      unit: 'session',
      exclVat: '1.00',
      vatRate: '21',
      vat: '0.21',
      inclVat: '1.21',
    },
  ],
  vatBreakdown: [{ rate: '21', base: '9.40', vat: '1.97' }],
  totalExclVat: '9.40',
  totalVat: '1.97',
  totalInclVat: '11.37',
  eftData: ['Mastercard', 'Nr: **** **** **** 1234', '<script>alert(1)</script> & "x"'],
  seller: { name: 'TapCharge CPO B.V.', address: 'Keizersgracht 1, Amsterdam', vatNumber: 'NL000000000B01' },
  issuedAt: '2026-11-24T11:13:05Z',
  ...o,
});

export const aReceipt = (o: Partial<ReceiptState> = {}): ReceiptState => ({
  authorizationReference: 'pp-100100-1948213567',
  session: aSession({
    state: 'COMPLETED',
    endedAt: '2026-11-24T11:12:00Z',
    lastUpdated: '2026-11-24T11:12:00Z',
  }),
  cdr: {
    createdAt: '2026-11-24T11:12:30Z',
    currency: 'EUR',
    startedAt: '2026-11-24T10:00:00Z',
    endedAt: '2026-11-24T11:12:00Z',
    location: {
      name: 'P+R Zuid',
      address: 'Laan 1',
      city: 'Utrecht',
      postalCode: '3511 ED',
      country: 'NLD',
      evseId: 'NL*TPC*E7*1',
      connectorId: '2',
    },
    totalEnergyKwh: '21.004',
    totalTimeHours: '1.2',
    components: {
      energy: { exclVat: '8.4', inclVat: '10.164' },
      fixed: { exclVat: '1', inclVat: '1.21' },
      time: { exclVat: '0' },
    },
    total: { exclVat: '9.4', inclVat: '11.37' },
  },
  invoices: [anInvoice()],
  ...o,
});
