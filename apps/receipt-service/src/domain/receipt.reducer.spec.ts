import {
  creditNotesFor,
  currentInvoice,
  phaseOf,
  type InvoiceFacts,
  type ReceiptState,
  type SessionFacts,
} from './receipt';
import { applyReceiptInput, type ReceiptInput } from './receipt.reducer';

const REF = 'pp-1';

const session = (o: Partial<SessionFacts> = {}): SessionFacts => ({
  state: 'ACTIVE',
  connectorId: '1',
  startedAt: '2026-11-24T10:00:00Z',
  energyWh: 1000,
  cost: { exclVat: '0.40', inclVat: '0.48', currency: 'EUR' },
  limitInclVat: { amount: '40.00', currency: 'EUR' },
  lastUpdated: '2026-11-24T10:05:00Z',
  ...o,
});

const invoice = (o: Partial<InvoiceFacts> = {}): InvoiceFacts => ({
  invoiceNumber: 'INV-1',
  kind: 'INVOICE',
  currency: 'EUR',
  lines: [],
  vatBreakdown: [],
  totalExclVat: '1.00',
  totalVat: '0.21',
  totalInclVat: '1.21',
  eftData: [],
  seller: { name: 's', address: 'a', vatNumber: 'v' },
  issuedAt: '2026-11-24T11:00:00Z',
  ...o,
});

const fold = (inputs: ReceiptInput[]) =>
  inputs.reduce<ReceiptState | undefined>((s, i) => applyReceiptInput(s, REF, i), undefined) as ReceiptState;
const s = (o: Partial<SessionFacts>): ReceiptInput => ({ kind: 'session', session: session(o) });

describe('applyReceiptInput: session snapshots are order-tolerant (compare lastUpdated)', () => {
  it.each<[string, ReceiptInput[], number, string]>([
    [
      'newer after older',
      [
        s({ energyWh: 1000, lastUpdated: '2026-11-24T10:01:00Z' }),
        s({ energyWh: 2000, lastUpdated: '2026-11-24T10:02:00Z' }),
      ],
      2000,
      'ACTIVE',
    ],
    [
      'older after newer is ignored',
      [
        s({ energyWh: 2000, lastUpdated: '2026-11-24T10:02:00Z' }),
        s({ energyWh: 1000, lastUpdated: '2026-11-24T10:01:00Z' }),
      ],
      2000,
      'ACTIVE',
    ],
    [
      'same instant: the ended snapshot wins',
      [
        s({ energyWh: 3000, lastUpdated: '2026-11-24T10:03:00Z' }),
        s({ state: 'COMPLETED', energyWh: 3000, lastUpdated: '2026-11-24T10:03:00Z' }),
      ],
      3000,
      'COMPLETED',
    ],
    [
      'same instant, running after ended: ignored',
      [
        s({ state: 'COMPLETED', energyWh: 3000, lastUpdated: '2026-11-24T10:03:00Z' }),
        s({ energyWh: 2900, lastUpdated: '2026-11-24T10:03:00Z' }),
      ],
      3000,
      'COMPLETED',
    ],
    [
      'a running snapshot never reopens an ended session',
      [
        s({ state: 'COMPLETED', energyWh: 3000, lastUpdated: '2026-11-24T10:03:00Z' }),
        s({ state: 'ACTIVE', energyWh: 3100, lastUpdated: '2026-11-24T10:04:00Z' }),
      ],
      3000,
      'COMPLETED',
    ],
  ])('%s', (_name, inputs, energyWh, state) => {
    const r = fold(inputs);
    expect(r.session?.energyWh).toBe(energyWh);
    expect(r.session?.state).toBe(state);
  });

  it('returns the same object when nothing changes (so the projection skips the write)', () => {
    const r = fold([s({ lastUpdated: '2026-11-24T10:02:00Z' })]);
    expect(applyReceiptInput(r, REF, s({ lastUpdated: '2026-11-24T10:01:00Z' }))).toBe(r);
    expect(applyReceiptInput(r, REF, { kind: 'invoice', invoice: invoice() })).not.toBe(r);
  });
});

describe('phaseOf', () => {
  const cdr = {
    kind: 'cdr' as const,
    credit: false,
    cdr: {
      createdAt: '2026-11-24T11:00:00Z',
      currency: 'EUR',
      startedAt: '2026-11-24T10:00:00Z',
      endedAt: '2026-11-24T11:00:00Z',
      location: {},
      totalEnergyKwh: '1',
      totalTimeHours: '1',
      components: {},
      total: { exclVat: '1', inclVat: '1.21' },
    },
  };
  it.each<[string, ReceiptInput[], string | undefined]>([
    ['nothing known', [], undefined],
    ['pending start', [s({ state: 'PENDING' })], 'live'],
    ['charging', [s({ state: 'ACTIVE' })], 'live'],
    ['stopping', [s({ state: 'STOPPING' })], 'live'],
    ['completed', [s({ state: 'COMPLETED' })], 'ended'],
    ['rejected', [s({ state: 'REJECTED' })], 'ended'],
    ['CDR before the final snapshot', [s({ state: 'ACTIVE' }), cdr], 'ended'],
    ['invoice', [s({ state: 'COMPLETED' }), { kind: 'invoice', invoice: invoice() }], 'receipt'],
    [
      'only a credit note',
      [
        s({ state: 'COMPLETED' }),
        { kind: 'invoice', invoice: invoice({ kind: 'CREDIT_NOTE', invoiceNumber: 'CN-1' }) },
      ],
      'ended',
    ],
  ])('%s -> %s', (_name, inputs, phase) => {
    const r = inputs.length ? fold(inputs) : { authorizationReference: REF, invoices: [] };
    expect(phaseOf(r)).toBe(phase);
  });
});

describe('invoices and credit notes', () => {
  it('keeps each invoice number once, in issue order, and shows the last invoice with its credit notes', () => {
    const r = fold([
      { kind: 'invoice', invoice: invoice({ invoiceNumber: 'INV-2', issuedAt: '2026-11-24T12:00:00Z' }) },
      { kind: 'invoice', invoice: invoice({ invoiceNumber: 'INV-1', issuedAt: '2026-11-24T11:00:00Z' }) },
      {
        kind: 'invoice',
        invoice: invoice({
          invoiceNumber: 'CN-1',
          kind: 'CREDIT_NOTE',
          correctsInvoiceNumber: 'INV-1',
          issuedAt: '2026-11-24T11:30:00Z',
        }),
      },
      { kind: 'invoice', invoice: invoice({ invoiceNumber: 'INV-1', issuedAt: '2026-11-24T11:00:00Z' }) },
    ]);
    expect(r.invoices.map((i) => i.invoiceNumber)).toEqual(['INV-1', 'CN-1', 'INV-2']);
    expect(currentInvoice(r)?.invoiceNumber).toBe('INV-2');
    expect(creditNotesFor(r, 'INV-1').map((i) => i.invoiceNumber)).toEqual(['CN-1']);
    expect(creditNotesFor(r, 'INV-2')).toEqual([]);
  });

  it('ignores credit CDRs and keeps the newest billed CDR', () => {
    const base = {
      currency: 'EUR',
      startedAt: '2026-11-24T10:00:00Z',
      endedAt: '2026-11-24T11:00:00Z',
      location: {},
      totalEnergyKwh: '1',
      totalTimeHours: '1',
      components: {},
    };
    const r = fold([
      {
        kind: 'cdr',
        credit: false,
        cdr: { ...base, createdAt: '2026-11-24T11:00:00Z', total: { exclVat: '1' } },
      },
      {
        kind: 'cdr',
        credit: true,
        cdr: { ...base, createdAt: '2026-11-24T12:00:00Z', total: { exclVat: '-1' } },
      },
      {
        kind: 'cdr',
        credit: false,
        cdr: { ...base, createdAt: '2026-11-24T10:59:00Z', total: { exclVat: '9' } },
      },
    ]);
    expect(r.cdr?.total.exclVat).toBe('1');
  });

  it('keeps the newest payment confirmation', () => {
    const pay = (status: 'SUCCESS' | 'FAILED', at: string): ReceiptInput => ({
      kind: 'payment',
      payment: { captureStatus: status, capturedInclVat: '1', currency: 'EUR', lastUpdated: at },
    });
    const r = fold([pay('FAILED', '2026-11-24T11:05:00Z'), pay('SUCCESS', '2026-11-24T11:04:00Z')]);
    expect(r.payment?.captureStatus).toBe('FAILED');
  });
});
