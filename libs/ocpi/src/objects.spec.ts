import { Cdr221, Cdr230 } from './cdrs';
import { CommandResponse, CommandResult, StartSession, StopSession } from './commands';
import { Credentials } from './credentials';
import { ocpiResponseSchema, ocpiError, ocpiSuccess } from './envelope';
import { Location221, Location230 } from './locations';
import {
  FinancialAdviceConfirmation,
  FinancialAdviceConfirmationInput,
  Terminal,
  TerminalInput,
  TerminalPatch,
} from './payments';
import { Session221, Session230 } from './sessions';
import { Tariff221, Tariff230 } from './tariffs';
import { parseOcpi } from './validation';
import { VersionDetails, Version } from './versions';
import { z } from 'zod';

// Objects shaped after the spec's examples (examples/*.json of ocpi/ocpi), written for these tests.
const cdrToken = {
  country_code: 'NL',
  party_id: 'TST',
  uid: '123abc',
  type: 'RFID',
  contract_id: 'NL-TST-C12345678-S',
};
const connector = {
  id: '1',
  standard: 'IEC_62196_T2',
  format: 'CABLE',
  power_type: 'AC_3_PHASE',
  max_voltage: 220,
  max_amperage: 16,
  tariff_ids: ['11'],
  last_updated: '2015-03-16T10:10:02Z',
};
const location = {
  country_code: 'BE',
  party_id: 'BEC',
  id: 'LOC1',
  publish: true,
  name: 'Gent Zuid',
  address: 'F.Rooseveltlaan 3A',
  city: 'Gent',
  postal_code: '9000',
  country: 'BEL',
  coordinates: { latitude: '51.047599', longitude: '3.729944' },
  parking_type: 'ON_STREET',
  evses: [
    {
      uid: '3256',
      evse_id: 'BE*BEC*E041503001',
      status: 'AVAILABLE',
      capabilities: ['RESERVABLE', 'CREDIT_CARD_PAYABLE'],
      connectors: [connector],
      physical_reference: '1',
      floor_level: '-1',
      last_updated: '2015-06-28T08:12:01Z',
    },
  ],
  operator: { name: 'BeCharged' },
  time_zone: 'Europe/Brussels',
  last_updated: '2015-06-29T20:39:09Z',
};
const tariffElements = [{ price_components: [{ type: 'TIME', price: 1.9, vat: 5.2, step_size: 300 }] }];
const tariff221 = {
  country_code: 'DE',
  party_id: 'ALL',
  id: '12',
  currency: 'EUR',
  type: 'AD_HOC_PAYMENT',
  tariff_alt_text: [
    { language: 'en', text: '2.00 euro p/hour including VAT.' },
    { language: 'nl', text: '2.00 euro p/uur inclusief BTW.' },
  ],
  elements: tariffElements,
  max_price: { excl_vat: 10, incl_vat: 11 },
  last_updated: '2015-06-29T20:39:09Z',
};
const tariff230 = {
  ...tariff221,
  max_price: { before_taxes: 10, after_taxes: 11 },
  preauthorize_amount: 25,
  tax_included: 'NO',
};
const session230 = {
  country_code: 'NL',
  party_id: 'STK',
  id: '101',
  start_date_time: '2020-03-09T10:17:09Z',
  kwh: 0.0,
  cdr_token: cdrToken,
  auth_method: 'WHITELIST',
  location_id: 'LOC1',
  evse_uid: '3256',
  connector_id: '1',
  currency: 'EUR',
  total_cost: { before_taxes: 2.5 },
  status: 'PENDING',
  last_updated: '2020-03-09T10:17:09Z',
};
const session221 = { ...session230, total_cost: { excl_vat: 2.5 } };
const cdrBase = {
  country_code: 'BE',
  party_id: 'BEC',
  id: '12345',
  start_date_time: '2015-06-29T21:39:09Z',
  end_date_time: '2015-06-29T23:37:32Z',
  cdr_token: { ...cdrToken, uid: '012345678', contract_id: 'DE8ACC12E46L89' },
  auth_method: 'WHITELIST',
  cdr_location: {
    id: 'LOC1',
    name: 'Gent Zuid',
    address: 'F.Rooseveltlaan 3A',
    city: 'Gent',
    postal_code: '9000',
    country: 'BEL',
    coordinates: { latitude: '3.729944', longitude: '51.047599' },
    evse_uid: '3256',
    evse_id: 'BE*BEC*E041503003',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_1_PHASE',
  },
  currency: 'EUR',
  charging_periods: [
    {
      start_date_time: '2015-06-29T21:39:09Z',
      dimensions: [{ type: 'TIME', volume: 1.973 }],
      tariff_id: '12',
    },
  ],
  total_energy: 15.342,
  total_time: 1.973,
  last_updated: '2015-06-29T22:01:13Z',
};
const cdr230 = {
  ...cdrBase,
  total_cost: { before_taxes: 4.0, taxes: [{ name: 'VAT', amount: 0.4, percentage: 10 }] },
};
const cdr221 = { ...cdrBase, total_cost: { excl_vat: 4.0, incl_vat: 4.4 } };
const startSession = {
  response_url: 'https://www.emsp.com/ocpi/emsp/2.2.1/commands/START_SESSION/1234',
  token: {
    country_code: 'DE',
    party_id: 'TNM',
    uid: 'bdf21bce-fc97-11e8-8eb2-f2801f1b9fd1',
    type: 'AD_HOC_USER',
    contract_id: 'DE8ACC12E46L89',
    issuer: 'TheNewMotion',
    valid: true,
    whitelist: 'NEVER',
    last_updated: '2018-12-10T17:16:15Z',
  },
  location_id: 'LOC1',
  evse_uid: '3256',
  connector_id: '1',
  authorization_reference: 'pp-100100-1948213567',
};
const fac = {
  id: '452cf8a1-79aa-4a0e-9aee-dc788586053c',
  authorization_reference: 'pp-100100-1948213567',
  total_costs: { excl_vat: 4.0, incl_vat: 4.4 },
  currency: 'EUR',
  eft_data: ['Mastercard', 'AID: 1234', 'Nr: **** **** **** 1234', 'Amount: EUR 4.40'],
  capture_status_code: 'SUCCESS',
  capture_status_message: 'Capture successful at PSP',
  last_updated: '2018-12-10T17:16:15Z',
};
const terminal = {
  terminal_id: '452cf8a1-79aa-4a0e-9aee-dc788586053c',
  address: 'Street 1',
  city: 'Vienna',
  country: 'AUT',
  coordinates: { latitude: '51.047599', longitude: '3.729944' },
  customer_reference: 'ChargePoint',
  invoice_base_url: 'https://somecompany.com/invoices',
  invoice_creator: 'CPO',
  location_ids: [],
  last_updated: '2018-12-10T17:16:15Z',
};
const credentials = {
  token: 'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2',
  url: 'https://example.com/ocpi/versions',
  roles: [
    { role: 'CPO', party_id: 'EXA', country_code: 'NL', business_details: { name: 'Example Operator' } },
  ],
};

const valid: Array<[string, z.ZodType, unknown]> = [
  ['Version', Version, { version: '2.2.1', url: 'https://example.com/ocpi/2.2.1/' }],
  [
    'VersionDetails',
    VersionDetails,
    {
      version: '2.3.0',
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: 'https://example.com/ocpi/2.3.0/credentials/' },
        { identifier: 'payments', role: 'RECEIVER', url: 'https://example.com/ocpi/2.3.0/payments' },
      ],
    },
  ],
  ['Credentials', Credentials, credentials],
  [
    'Credentials of a PTP as OTHER',
    Credentials,
    { ...credentials, roles: [{ ...credentials.roles[0], role: 'OTHER' }] },
  ],
  [
    'Credentials of a PTP as PTP',
    Credentials,
    { ...credentials, roles: [{ ...credentials.roles[0], role: 'PTP' }] },
  ],
  ['Location 2.2.1', Location221, location],
  ['Location 2.3.0', Location230, { ...location, help_phone: '+31201234567' }],
  ['Tariff 2.2.1', Tariff221, tariff221],
  ['Tariff 2.3.0', Tariff230, tariff230],
  ['Session 2.2.1', Session221, session221],
  ['Session 2.3.0', Session230, session230],
  ['CDR 2.2.1', Cdr221, cdr221],
  ['CDR 2.3.0', Cdr230, cdr230],
  ['StartSession', StartSession, startSession],
  [
    'StartSession without optionals',
    StartSession,
    { response_url: startSession.response_url, token: cdrToken, location_id: 'LOC1' },
  ],
  ['StopSession', StopSession, { response_url: 'https://emsp.example/cmd/STOP/1', session_id: '12345' }],
  ['CommandResponse', CommandResponse, { result: 'ACCEPTED', timeout: 30 }],
  ['CommandResult', CommandResult, { result: 'ACCEPTED' }],
  ['FinancialAdviceConfirmation (2.2.1 Price, as the spec example)', FinancialAdviceConfirmationInput, fac],
  [
    'FinancialAdviceConfirmation (2.3.0 Price)',
    FinancialAdviceConfirmation,
    { ...fac, total_costs: { before_taxes: 4, taxes: [{ name: 'VAT', amount: 0.4 }] } },
  ],
  [
    'FinancialAdviceConfirmation (2.3.0 Price with after_taxes)',
    FinancialAdviceConfirmationInput,
    { ...fac, total_costs: { before_taxes: 4, after_taxes: 4.4 } },
  ],
  [
    'FinancialAdviceConfirmation failure without eft_data (spec example)',
    FinancialAdviceConfirmationInput,
    { ...fac, eft_data: undefined, total_costs: { excl_vat: 0, incl_vat: 0 }, capture_status_code: 'FAILED' },
  ],
  ['Terminal', Terminal, terminal],
  ['Terminal minimal POST', TerminalInput, { terminal_id: terminal.terminal_id }],
  ['Terminal PATCH', TerminalPatch, { location_ids: ['LOC1'], last_updated: '2021-01-01T00:00:00Z' }],
  [
    'unknown fields tolerated (2.3.0 extensibility)',
    StopSession,
    { response_url: 'https://e.example/x', session_id: '1', extra: 1 },
  ],
];

describe('OCPI objects parse the spec examples', () => {
  it.each(valid)('%s', (_name, schema, value) => {
    const r = parseOcpi(schema, value);
    expect(r).toEqual(expect.objectContaining({ ok: true }));
  });
});

const invalid: Array<[string, z.ZodType, unknown, string]> = [
  ['Location id > 36', Location221, { ...location, id: 'x'.repeat(37) }, 'id: at most 36 characters'],
  [
    'Location 2.2.1 address > 45',
    Location221,
    { ...location, address: 'a'.repeat(46) },
    'address: at most 45 characters',
  ],
  [
    'EVSE status not in enum',
    Location230,
    { ...location, evses: [{ ...location.evses[0], status: 'BROKEN' }] },
    'evses.0.status',
  ],
  [
    'Connector without standard',
    Location230,
    { ...location, evses: [{ ...location.evses[0], connectors: [{ ...connector, standard: undefined }] }] },
    'evses.0.connectors.0.standard: required',
  ],
  [
    'bad latitude',
    Location230,
    { ...location, coordinates: { latitude: '51.0', longitude: '3.729944' } },
    'coordinates.latitude',
  ],
  [
    'Tariff 2.3.0 without tax_included',
    Tariff230,
    { ...tariff230, tax_included: undefined },
    'tax_included: required',
  ],
  [
    'Tariff 2.3.0 with a 2.2.1 max_price',
    Tariff230,
    { ...tariff230, max_price: { excl_vat: 10 } },
    'max_price.before_taxes: required',
  ],
  [
    'Tariff alt text language too long',
    Tariff221,
    { ...tariff221, tariff_alt_text: [{ language: 'eng', text: 'x' }] },
    'tariff_alt_text.0.language: at most 2 characters',
  ],
  ['Session 2.3.0 with a 2.2.1 total_cost', Session230, session221, 'total_cost.before_taxes: required'],
  [
    'Session with offset timestamp',
    Session230,
    { ...session230, last_updated: '2020-03-09T10:17:09+01:00' },
    'last_updated: expected an RFC 3339 UTC timestamp',
  ],
  ['CDR id > 39', Cdr230, { ...cdr230, id: 'c'.repeat(40) }, 'id: at most 39 characters'],
  [
    'CDR without charging periods',
    Cdr230,
    { ...cdr230, charging_periods: [] },
    'charging_periods: at least one charging period',
  ],
  [
    'StartSession authorization_reference > 36',
    StartSession,
    { ...startSession, authorization_reference: 'r'.repeat(37) },
    'authorization_reference: at most 36 characters',
  ],
  ['StartSession without token', StartSession, { ...startSession, token: undefined }, 'token: required'],
  [
    'StartSession token uid > 36',
    StartSession,
    { ...startSession, token: { ...startSession.token, uid: 'u'.repeat(37) } },
    'token.uid: at most 36 characters',
  ],
  [
    'StartSession response_url not a URL',
    StartSession,
    { ...startSession, response_url: 'nope' },
    'response_url: expected an absolute URL',
  ],
  ['StartSession location_id wrong type', StartSession, { ...startSession, location_id: 42 }, 'location_id'],
  [
    'FAC with unknown capture status',
    FinancialAdviceConfirmation,
    { ...fac, capture_status_code: 'DONE' },
    'capture_status_code',
  ],
  [
    'FAC we emit with currency in lower case',
    FinancialAdviceConfirmation,
    { ...fac, total_costs: { before_taxes: 4 }, currency: 'eur' },
    'currency: expected an ISO 4217 code',
  ],
  [
    'FAC received with a Price of neither shape',
    FinancialAdviceConfirmationInput,
    { ...fac, total_costs: { amount: 4 } },
    'total_costs: expected a Price',
  ],
  [
    'FAC eft line > 255',
    FinancialAdviceConfirmation,
    { ...fac, eft_data: ['x'.repeat(256)] },
    'eft_data.0: at most 255 characters',
  ],
  ['Terminal id > 36', TerminalInput, { terminal_id: 't'.repeat(37) }, 'terminal_id: at most 36 characters'],
  [
    'Terminal PATCH without last_updated',
    TerminalPatch,
    { location_ids: ['LOC1'] },
    'last_updated: required',
  ],
  [
    'Credentials token with a space',
    Credentials,
    { ...credentials, token: 'a b' },
    'token: only printable non-whitespace ASCII',
  ],
  [
    'Credentials token > 64',
    Credentials,
    { ...credentials, token: 't'.repeat(65) },
    'token: at most 64 characters',
  ],
  [
    'Credentials role unknown',
    Credentials,
    { ...credentials, roles: [{ ...credentials.roles[0], role: 'DRIVER' }] },
    'roles.0.role',
  ],
  [
    'Credentials country_code of 3',
    Credentials,
    { ...credentials, roles: [{ ...credentials.roles[0], country_code: 'NLD' }] },
    'roles.0.country_code',
  ],
];

describe('field-limit violations name the field', () => {
  it.each(invalid)('%s', (_name, schema, value, expected) => {
    const r = parseOcpi(schema, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(expected);
  });
});

describe('response envelope', () => {
  it('success and error bodies validate against the envelope schema', () => {
    const schema = ocpiResponseSchema(CommandResponse);
    expect(schema.safeParse(ocpiSuccess({ result: 'ACCEPTED', timeout: 30 })).success).toBe(true);
    const err = ocpiError(2003, 'Unknown location');
    expect(schema.safeParse(err).success).toBe(true);
    expect(err).toEqual({
      status_code: 2003,
      status_message: 'Unknown location',
      timestamp: expect.stringMatching(/Z$/),
    });
  });
});

describe('FinancialAdviceConfirmation as received', () => {
  it('reads the currency in any letter case (CiString) and emits it upper-case', () => {
    const r = FinancialAdviceConfirmationInput.parse({ ...fac, currency: 'eur' });
    expect(r.currency).toBe('EUR');
  });
});
