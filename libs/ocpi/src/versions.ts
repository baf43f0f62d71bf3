import { z } from 'zod';
import { openEnum, Url } from './primitives';

/** VersionNumber (OpenEnum). */
export const VersionNumber = openEnum(['2.0', '2.1', '2.1.1', '2.2', '2.2.1', '2.3.0'], 10);

export const Version = z.object({ version: VersionNumber, url: Url });
export type Version = z.infer<typeof Version>;

/**
 * ModuleID (OpenEnum). `payments` is missing from the spec's table but is the Payments module's id
 * (digest 1.7.1); OpenEnum makes advertising it legal.
 */
export const ModuleId = openEnum([
  'cdrs',
  'chargingprofiles',
  'commands',
  'credentials',
  'hubclientinfo',
  'locations',
  'sessions',
  'tariffs',
  'tokens',
  'payments',
  'invoicereconciliation',
]);
export type ModuleId = z.infer<typeof ModuleId>;

export const InterfaceRole = z.enum(['SENDER', 'RECEIVER']);
export type InterfaceRole = z.infer<typeof InterfaceRole>;

export const Endpoint = z.object({ identifier: ModuleId, role: InterfaceRole, url: Url });
export type Endpoint = z.infer<typeof Endpoint>;

export const VersionDetails = z.object({ version: VersionNumber, endpoints: z.array(Endpoint) });
export type VersionDetails = z.infer<typeof VersionDetails>;
