import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { ciString, Instant } from '../../primitives';

/** Latest state of one tariff (compacted topic, key = tariff id); `tariff: null` means deleted. */
export const TariffChangedPayload = z.object({
  tariffId: ciString(36),
  countryCode: z.string().length(2),
  partyId: z.string().min(1).max(3),
  /** OCPI version of the stored object's shape ('2.2.1' | '2.3.0'). */
  ocpiVersion: z.enum(['2.2.1', '2.3.0']),
  tariff: z.record(z.string(), z.unknown()).nullable(),
  /** Connectors this tariff applies to, as `locationId/evseUid/connectorId` (the `tariff assign` table). */
  appliesTo: z.array(z.string().max(110)).default([]),
  lastUpdated: Instant,
});
export type TariffChangedPayload = z.infer<typeof TariffChangedPayload>;

export const TariffChangedV1 = defineEvent({
  type: 'TariffChanged',
  version: 1,
  topic: topic('tariff.changed.v1', { cleanupPolicy: 'compact' }),
  schema: TariffChangedPayload,
  keyOf: (p) => p.tariffId,
});
