import type { MeterSample, PaymentConfirmedPayload, SessionCompletedPayload } from '@tapcharge/contracts';
import { SAMPLE_PAYLOADS } from '@tapcharge/contracts/testing';
import { REPO_ROOT } from '@tapcharge/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CdrLocation } from '../src/domain/cdr/cdr-location';

export const DEMO_TARIFFS = {
  simple: 'simple-per-kwh.tariff.json',
  timeOfDay: 'kwh-time-parking-time-of-day.tariff.json',
  flatStep: 'flat-step-size.tariff.json',
  preauth230: 'preauthorized-max-price.v230.tariff.json',
} as const;

export function demoTariffPath(name: keyof typeof DEMO_TARIFFS): string {
  return join(REPO_ROOT, 'libs/tariff-engine/test/vectors/demo', DEMO_TARIFFS[name]);
}

export function demoTariff(name: keyof typeof DEMO_TARIFFS): Record<string, unknown> {
  return JSON.parse(readFileSync(demoTariffPath(name), 'utf8')) as Record<string, unknown>;
}

export interface ChargeShape {
  start: string;
  /** Minutes of charging at `powerW`, one sample per `intervalS`. */
  minutes: number;
  powerW: number;
  intervalS?: number;
  /** Minutes plugged in without charging after the charge (parking). */
  idleMinutes?: number;
  meterStartWh?: number;
}

/** Meter samples of a constant-power charge, then idle time: Wh register, power in W. */
export function chargeSamples(c: ChargeShape): MeterSample[] {
  const step = c.intervalS ?? 60;
  const t0 = Date.parse(c.start);
  const start = c.meterStartWh ?? 0;
  const out: MeterSample[] = [];
  const chargingS = c.minutes * 60;
  for (let s = 0; s <= chargingS; s += step) {
    out.push({
      timestamp: new Date(t0 + s * 1000).toISOString(),
      energyWh: start + (c.powerW * s) / 3600,
      powerW: s === chargingS && (c.idleMinutes ?? 0) > 0 ? 0 : c.powerW,
      context: 'Sample.Periodic',
    });
  }
  const end = start + (c.powerW * chargingS) / 3600;
  for (let s = step; s <= (c.idleMinutes ?? 0) * 60; s += step) {
    out.push({
      timestamp: new Date(t0 + (chargingS + s) * 1000).toISOString(),
      energyWh: end,
      powerW: 0,
      context: 'Sample.Periodic',
    });
  }
  return out;
}

export function aSessionCompleted(
  overrides: Partial<SessionCompletedPayload> & { charge?: ChargeShape } = {},
): SessionCompletedPayload {
  const { charge, ...rest } = overrides;
  const shape = charge ?? { start: '2026-03-10T10:00:00Z', minutes: 60, powerW: 10_800 };
  const samples = rest.samples ?? chargeSamples(shape);
  const last = samples[samples.length - 1];
  return {
    ...SAMPLE_PAYLOADS.SessionCompleted,
    sessionId: 'S-BILL-1',
    authorizationReference: 'pp-bill-1',
    ocpiVersion: '2.2.1',
    tariff: demoTariff('simple'),
    timeZone: 'Europe/Amsterdam',
    startedAt: shape.start,
    endedAt: last?.timestamp ?? shape.start,
    samples,
    limitInclVat: { amount: '50.00', currency: 'EUR' },
    flaggedForReconciliation: false,
    ...rest,
  };
}

export function aPaymentConfirmed(overrides: Partial<PaymentConfirmedPayload> = {}): PaymentConfirmedPayload {
  return {
    ...SAMPLE_PAYLOADS.PaymentConfirmed,
    facId: 'FAC-BILL-1',
    authorizationReference: 'pp-bill-1',
    captured: { inclVat: '6.37', currency: 'EUR' },
    captureStatus: 'SUCCESS',
    eftData: ['Mastercard', 'AID: A0000000041010', 'Nr: **** **** **** 1234', 'SEQ: 00', 'Amount: EUR 6.37'],
    receivedAt: '2026-03-10T11:05:00.000Z',
    lastUpdated: '2026-03-10T11:05:00.000Z',
    ...overrides,
  };
}

export const DEMO_LOCATION: CdrLocation = {
  id: 'LOC-001',
  name: 'tapcharge Demo Plaza',
  address: 'Stationsplein 1',
  city: 'Amsterdam',
  postal_code: '1012 AB',
  country: 'NLD',
  coordinates: { latitude: '52.378900', longitude: '4.900300' },
  evse_uid: 'EVSE-001-1',
  evse_id: 'NL*TPC*E001001',
  connector_id: '1',
  connector_standard: 'IEC_62196_T2',
  connector_format: 'SOCKET',
  connector_power_type: 'AC_3_PHASE',
};

export const CPO = { countryCode: 'NL', partyId: 'TPC' };
export const SELLER = {
  name: 'tapcharge B.V.',
  address: 'Stationsplein 1, Amsterdam',
  vatNumber: 'NL000000000B01',
};
