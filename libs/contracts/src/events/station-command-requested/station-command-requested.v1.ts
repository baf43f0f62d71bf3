import { z } from 'zod';
import { defineEvent, topic } from '../../event-definition';
import { Instant, SessionId, StationId } from '../../primitives';

/** What the session engine (or an operator) wants a charger to do; ocpp-gateway maps it to 1.6 or 2.0.1. */
export const StationCommand = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('StartTransaction'),
    ocppEvseId: z.number().int().min(0),
    ocppConnectorId: z.number().int().min(0),
    /** 1.6 idTag (<= 20 chars) / 2.0.1 idToken. */
    idTag: z.string().min(1).max(20),
    /** 2.0.1 remoteStartId; the gateway also uses it to match the 1.6 StartTransaction. */
    remoteStartId: z.number().int().positive(),
    /** Energy cap in Wh the charger may enforce itself (2.0.1 charging limit), when known. */
    energyLimitWh: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal('StopTransaction'),
    transactionId: z.string().min(1).max(36),
  }),
  z.object({
    kind: z.literal('SetMeterInterval'),
    intervalSeconds: z.number().int().min(1).max(3600),
  }),
  z.object({
    kind: z.literal('TriggerMessage'),
    message: z.enum(['MeterValues', 'StatusNotification', 'Heartbeat', 'BootNotification']),
    ocppEvseId: z.number().int().min(0).optional(),
  }),
]);
export type StationCommand = z.infer<typeof StationCommand>;

export const StationCommandRequestedPayload = z.object({
  commandId: z.string().min(1).max(64),
  sessionId: SessionId.optional(),
  stationId: StationId,
  command: StationCommand,
  /** How long the gateway waits for the charger's answer before reporting TIMEOUT. */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  requestedAt: Instant,
});
export type StationCommandRequestedPayload = z.infer<typeof StationCommandRequestedPayload>;

/** Keyed by station so every gateway instance's consumer sees one station's commands in order. */
export const StationCommandRequestedV1 = defineEvent({
  type: 'StationCommandRequested',
  version: 1,
  topic: topic('session.station-command.requested.v1'),
  schema: StationCommandRequestedPayload,
  keyOf: (p) => p.stationId,
});
