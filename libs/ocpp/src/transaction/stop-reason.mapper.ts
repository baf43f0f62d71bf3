import type { OcppVersion } from '../frames/ocpp-j';

/** Canonical stop reasons: the union of 1.6 Reason (§7.44) and 2.0.1 ReasonEnumType (Part 2 §3.67). */
const KNOWN_REASONS = [
  'DeAuthorized',
  'EmergencyStop',
  'EnergyLimitReached',
  'EVDisconnected',
  'GroundFault',
  'HardReset',
  'ImmediateReset',
  'Local',
  'LocalOutOfCredit',
  'MasterPass',
  'Other',
  'OvercurrentFault',
  'PowerLoss',
  'PowerQuality',
  'Reboot',
  'Remote',
  'SoftReset',
  'SOCLimitReached',
  'StoppedByEV',
  'TimeLimitReached',
  'Timeout',
  'UnlockCommand',
] as const;
export type StopReason = (typeof KNOWN_REASONS)[number];

const BY_LOWER = new Map<string, StopReason>(KNOWN_REASONS.map((r) => [r.toLowerCase(), r]));

/**
 * The reason a transaction stopped. Absent means `Local` in both versions (1.6 §6.49 "Local is assumed";
 * 2.0.1 E06 "MAY only be omitted when the reason is Local"). A spelling we do not know becomes `Other`;
 * 1.6 `DeAuthorized` and 2.0.1 `DeAuthorized` share one spelling. Case differences are tolerated.
 */
export function stopReasonOf(_version: OcppVersion, reason: unknown): StopReason {
  if (reason === undefined || reason === null || reason === '') return 'Local';
  return BY_LOWER.get(String(reason).toLowerCase()) ?? 'Other';
}

/** True for the stop a CSMS asked for (RemoteStop / RequestStopTransaction). */
export function isRemoteStop(reason: StopReason): boolean {
  return reason === 'Remote';
}
