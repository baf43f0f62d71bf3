import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import {
  AuthorizationReference,
  CdrToken,
  ConnectorRef,
  Instant,
  Money,
  PartyRef,
  SessionId,
} from '../../primitives';

/**
 * A PTP's accepted OCPI START_SESSION. The OCPI gateway resolved the connector and snapshots the tariff the
 * driver saw and the authorised limit, so the price is locked at start (DESIGN.md §5).
 */
export const StartSessionRequestedPayload = z.object({
  sessionId: SessionId,
  authorizationReference: AuthorizationReference,
  ptp: PartyRef,
  /** The OCPI version the PTP registered with ('2.2.1' | '2.3.0'); decides the shapes we push. */
  ocpiVersion: z.enum(['2.2.1', '2.3.0']),
  connector: ConnectorRef,
  token: CdrToken,
  responseUrl: z.url(),
  /** The OCPI Tariff object as served to the PTP (validated by libs/tariff-engine where it is used). */
  tariff: z.record(z.string(), z.unknown()),
  /** IANA time zone of the Location, for time-of-day tariff restrictions. */
  timeZone: z.string().min(1).max(64),
  /** The maximum the card was pre-authorised for, incl. VAT; the final cost never exceeds it. */
  limitInclVat: Money,
  requestedAt: Instant,
});
export type StartSessionRequestedPayload = z.infer<typeof StartSessionRequestedPayload>;

export const StartSessionRequestedV1 = defineEvent({
  type: 'StartSessionRequested',
  version: 1,
  topic: topic('ocpi.start-session.requested.v1'),
  schema: StartSessionRequestedPayload,
  keyOf: (p) => p.sessionId,
});
