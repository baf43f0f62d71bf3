import { ocpiStatusOf } from './connector-status.mapper';

describe('ocpiStatusOf (OCPP ChargePointStatus/ConnectorStatusEnumType -> OCPI 2.2.1 EVSE status §8.4.22)', () => {
  it.each([
    ['ocpp1.6', 'Available', 'AVAILABLE'],
    ['ocpp1.6', 'Preparing', 'CHARGING'],
    ['ocpp1.6', 'Charging', 'CHARGING'],
    ['ocpp1.6', 'SuspendedEV', 'CHARGING'],
    ['ocpp1.6', 'SuspendedEVSE', 'CHARGING'],
    ['ocpp1.6', 'Finishing', 'BLOCKED'],
    ['ocpp1.6', 'Reserved', 'RESERVED'],
    ['ocpp1.6', 'Unavailable', 'INOPERATIVE'],
    ['ocpp1.6', 'Faulted', 'OUTOFORDER'],
    ['ocpp1.6', 'Occupied', 'UNKNOWN'],
    ['ocpp2.0.1', 'Available', 'AVAILABLE'],
    ['ocpp2.0.1', 'Occupied', 'CHARGING'],
    ['ocpp2.0.1', 'Reserved', 'RESERVED'],
    ['ocpp2.0.1', 'Unavailable', 'INOPERATIVE'],
    ['ocpp2.0.1', 'Faulted', 'OUTOFORDER'],
    ['ocpp2.0.1', 'Charging', 'UNKNOWN'],
  ] as const)('should map %s %s to %s', (version, status, expected) => {
    expect(ocpiStatusOf(version, status)).toBe(expected);
  });
});
