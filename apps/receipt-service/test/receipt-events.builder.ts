import type {
  CdrCreatedPayload,
  InvoiceIssuedPayload,
  PaymentConfirmedPayload,
  SessionSnapshot,
} from '@tapcharge/contracts';

/** Test data for the receipt's events: a realistic 2.3.0 session, CDR, payment and invoice. */

export function aSnapshot(ref: string, overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    sessionId: `SESSION-INTERNAL-${ref.slice(-6)}`,
    authorizationReference: ref,
    ptp: { countryCode: 'NL', partyId: 'PTP' },
    ocpiVersion: '2.3.0',
    state: 'ACTIVE',
    ocpiStatus: 'ACTIVE',
    connector: {
      locationId: 'LOC-INTERNAL-7',
      evseUid: 'EVSE-UID-INTERNAL-7',
      connectorId: '2',
      stationId: 'STATION-SECRET-CS7',
      ocppEvseId: 1,
      ocppConnectorId: 2,
    },
    token: {
      country_code: 'NL',
      party_id: 'PTP',
      uid: 'TOKEN-UID-X',
      type: 'AD_HOC_USER',
      contract_id: 'TOKEN-UID-X',
    },
    transactionId: 'TX-INTERNAL-99',
    startedAt: '2026-11-24T10:00:00.000Z',
    energyWh: 1500,
    cost: { exclVat: '0.60', inclVat: '0.726', currency: 'EUR' },
    limitInclVat: { amount: '40.00', currency: 'EUR' },
    tariffId: 'TARIFF-INTERNAL',
    lastUpdated: '2026-11-24T10:05:00.000Z',
    ...overrides,
  };
}

export function aCdrPayload(ref: string, overrides: Partial<CdrCreatedPayload> = {}): CdrCreatedPayload {
  return {
    cdrId: 'CDR-INTERNAL-1',
    sessionId: `SESSION-INTERNAL-${ref.slice(-6)}`,
    authorizationReference: ref,
    ptp: { countryCode: 'NL', partyId: 'PTP' },
    ocpiVersion: '2.3.0',
    cdr: {
      id: 'CDR-INTERNAL-1',
      start_date_time: '2026-11-24T10:00:00Z',
      end_date_time: '2026-11-24T11:12:00Z',
      authorization_reference: ref,
      currency: 'EUR',
      cdr_location: {
        id: 'LOC-INTERNAL-7',
        name: 'Stationsplein P+R',
        address: 'Stationsplein 1',
        city: 'Utrecht',
        postal_code: '3511 ED',
        country: 'NLD',
        evse_uid: 'EVSE-UID-INTERNAL-7',
        evse_id: 'NL*TPC*E0007*1',
        connector_id: '2',
      },
      total_cost: { before_taxes: 9.64, taxes: [{ name: 'VAT', percentage: 21, amount: 2.02 }] },
      total_energy_cost: { before_taxes: 8.4, taxes: [{ name: 'VAT', percentage: 21, amount: 1.76 }] },
      total_time_cost: { before_taxes: 0.24, taxes: [{ name: 'VAT', percentage: 21, amount: 0.05 }] },
      total_fixed_cost: { before_taxes: 1, taxes: [{ name: 'VAT', percentage: 21, amount: 0.21 }] },
      total_energy: 21.004,
      total_time: 1.2,
      charging_periods: [],
      last_updated: '2026-11-24T11:12:30Z',
    },
    total: { exclVat: '9.64', inclVat: '11.66', currency: 'EUR' },
    limitInclVat: { amount: '40.00', currency: 'EUR' },
    createdAt: '2026-11-24T11:12:30.000Z',
    ...overrides,
  };
}

export function aPaymentPayload(
  ref: string,
  overrides: Partial<PaymentConfirmedPayload> = {},
): PaymentConfirmedPayload {
  return {
    facId: 'FAC-INTERNAL-1',
    authorizationReference: ref,
    ptp: { countryCode: 'NL', partyId: 'PTP' },
    captured: { inclVat: '11.66', currency: 'EUR' },
    captureStatus: 'SUCCESS',
    eftData: ['Mastercard', 'Amount: EUR 11.66'],
    lastUpdated: '2026-11-24T11:13:00.000Z',
    receivedAt: '2026-11-24T11:13:00.000Z',
    ...overrides,
  };
}

export const EFT_LINES = [
  'Mastercard',
  'AID: A0000000041010',
  'Crypto: 3456',
  'Nr: **** **** **** 1234',
  'SEQ: 00   TERM: 7781',
  'Amount: EUR 11.66',
];

export function anInvoicePayload(
  ref: string,
  overrides: Partial<InvoiceIssuedPayload> = {},
): InvoiceIssuedPayload {
  return {
    invoiceNumber: 'TPC-2026-000042',
    kind: 'INVOICE',
    sessionId: `SESSION-INTERNAL-${ref.slice(-6)}`,
    authorizationReference: ref,
    cdrId: 'CDR-INTERNAL-1',
    currency: 'EUR',
    lines: [
      {
        description: 'Session fee',
        quantity: '1',
        unit: 'session',
        exclVat: '1.00',
        vatRate: '21',
        vat: '0.21',
        inclVat: '1.21',
      },
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
        description: 'Charging time',
        quantity: '1.2',
        unit: 'h',
        exclVat: '0.24',
        vatRate: '21',
        vat: '0.05',
        inclVat: '0.29',
      },
    ],
    vatBreakdown: [{ rate: '21', base: '9.64', vat: '2.02' }],
    totalExclVat: '9.64',
    totalVat: '2.02',
    totalInclVat: '11.66',
    eftData: EFT_LINES,
    seller: {
      name: 'TapCharge CPO B.V.',
      address: 'Keizersgracht 1, 1015 CJ Amsterdam',
      vatNumber: 'NL000000000B01',
    },
    issuedAt: '2026-11-24T11:13:05.000Z',
    ...overrides,
  };
}
