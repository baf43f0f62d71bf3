import { isRemoteStop, stopReasonOf } from './stop-reason.mapper';

describe('stopReasonOf (1.6 §7.44 Reason, 2.0.1 §3.67 ReasonEnumType)', () => {
  it.each([
    ['ocpp1.6', undefined, 'Local'],
    ['ocpp1.6', '', 'Local'],
    ['ocpp1.6', 'Remote', 'Remote'],
    ['ocpp1.6', 'EVDisconnected', 'EVDisconnected'],
    ['ocpp1.6', 'HardReset', 'HardReset'],
    ['ocpp1.6', 'remote', 'Remote'],
    ['ocpp1.6', 'CableCut', 'Other'],
    ['ocpp2.0.1', undefined, 'Local'],
    ['ocpp2.0.1', 'EnergyLimitReached', 'EnergyLimitReached'],
    ['ocpp2.0.1', 'SOCLimitReached', 'SOCLimitReached'],
    ['ocpp2.0.1', 'StoppedByEV', 'StoppedByEV'],
    ['ocpp2.0.1', 'DeAuthorized', 'DeAuthorized'],
  ] as const)('should read %s reason %p as %s', (version, reason, expected) => {
    expect(stopReasonOf(version, reason)).toBe(expected);
  });

  it('should single out the stop a CSMS asked for', () => {
    expect(isRemoteStop('Remote')).toBe(true);
    expect(isRemoteStop('Local')).toBe(false);
  });
});
