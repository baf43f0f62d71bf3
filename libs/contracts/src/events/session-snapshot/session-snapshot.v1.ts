import { z } from 'zod';
import {
  AuthorizationReference,
  CdrToken,
  ConnectorRef,
  Instant,
  Money,
  PartyRef,
  PriceAmount,
  SessionId,
} from '../../primitives';

/** Our session state names (DESIGN.md §6); `ocpiStatus` is the OCPI SessionStatus it maps to. */
export const SessionState = z.enum([
  'PENDING',
  'STARTING',
  'ACTIVE',
  'STOPPING',
  'COMPLETED',
  'REJECTED',
  'FAILED',
]);
export type SessionState = z.infer<typeof SessionState>;

export const OcpiSessionStatus = z.enum(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION']);

export const StopReason = z.enum([
  'DRIVER', // STOP_SESSION from the terminal
  'MAX_PRICE', // the cost-limit loop
  'EV_OR_CHARGER', // the car or the charger ended the transaction
  'OPERATOR', // admin soft stop
  'START_REJECTED',
  'START_TIMEOUT',
]);
export type StopReason = z.infer<typeof StopReason>;

/** The state of a session as the other services see it (pushed to PTPs, shown on the live page). */
export const SessionSnapshot = z.object({
  sessionId: SessionId,
  authorizationReference: AuthorizationReference,
  ptp: PartyRef,
  ocpiVersion: z.enum(['2.2.1', '2.3.0']),
  state: SessionState,
  ocpiStatus: OcpiSessionStatus,
  connector: ConnectorRef,
  token: CdrToken,
  transactionId: z.string().max(36).optional(),
  startedAt: Instant,
  endedAt: Instant.optional(),
  energyWh: z.number().nonnegative(),
  /** Cost so far (or final), exact, with and without VAT. */
  cost: PriceAmount,
  limitInclVat: Money,
  tariffId: z.string().max(36).optional(),
  stopReason: StopReason.optional(),
  lastUpdated: Instant,
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;
