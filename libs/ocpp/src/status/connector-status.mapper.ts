import type { OcppVersion } from '../frames/ocpp-j';

/** OCPI 2.2.1 EVSE `status` (Locations module §8.4.22); wire-frozen spelling. */
export type OcpiEvseStatus =
  | 'AVAILABLE'
  | 'BLOCKED'
  | 'CHARGING'
  | 'INOPERATIVE'
  | 'OUTOFORDER'
  | 'PLANNED'
  | 'REMOVED'
  | 'RESERVED'
  | 'UNKNOWN';

/**
 * OCPP 1.6 ChargePointStatus (§7.7) -> OCPI. Preparing and the suspended states mean a driver is using
 * the EVSE ("in use" = CHARGING). Finishing keeps the car plugged after the transaction: the EVSE is
 * blocked by it (OCPI BLOCKED: "not accessible because of a physical barrier, i.e. a car").
 */
const FROM_16: Readonly<Record<string, OcpiEvseStatus>> = {
  Available: 'AVAILABLE',
  Preparing: 'CHARGING',
  Charging: 'CHARGING',
  SuspendedEVSE: 'CHARGING',
  SuspendedEV: 'CHARGING',
  Finishing: 'BLOCKED',
  Reserved: 'RESERVED',
  Unavailable: 'INOPERATIVE',
  Faulted: 'OUTOFORDER',
};

/** OCPP 2.0.1 ConnectorStatusEnumType (Part 2 §3.24) -> OCPI; charging detail lives in TransactionEvent. */
const FROM_201: Readonly<Record<string, OcpiEvseStatus>> = {
  Available: 'AVAILABLE',
  Occupied: 'CHARGING',
  Reserved: 'RESERVED',
  Unavailable: 'INOPERATIVE',
  Faulted: 'OUTOFORDER',
};

/** Maps a connector status as the charger said it; unknown values become UNKNOWN, never an error. */
export function ocpiStatusOf(version: OcppVersion, ocppStatus: string): OcpiEvseStatus {
  const table = version === 'ocpp1.6' ? FROM_16 : FROM_201;
  return table[ocppStatus] ?? 'UNKNOWN';
}
