import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { ciString, Instant, PartyRef } from '../../primitives';

/** A PTP created or updated a Terminal on us, or we assigned locations/EVSEs to it (OCPI 2.3.0 Payments). */
export const TerminalRegisteredPayload = z.object({
  terminalId: ciString(36),
  ptp: PartyRef,
  locationIds: z.array(ciString(36)).default([]),
  evseUids: z.array(ciString(36)).default([]),
  invoiceBaseUrl: z.url().optional(),
  invoiceCreator: z.enum(['CPO', 'PTP']).optional(),
  reference: ciString(36).optional(),
  lastUpdated: Instant,
});
export type TerminalRegisteredPayload = z.infer<typeof TerminalRegisteredPayload>;

export const TerminalRegisteredV1 = defineEvent({
  type: 'TerminalRegistered',
  version: 1,
  topic: topic('ocpi.terminal.registered.v1'),
  schema: TerminalRegisteredPayload,
  keyOf: (p) => p.terminalId,
});
