import { z } from 'zod';
import type { EventDefinition, PayloadOf } from './event-definition';
import { deriveEventId, newEventId } from './event-ids';
import { Instant } from './primitives';

/** The envelope on every message (DESIGN.md §3). */
export const EventEnvelopeSchema = z.object({
  eventId: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  version: z.number().int().positive(),
  occurredAt: Instant,
  producer: z.string().min(1).max(64),
  correlationId: z.string().min(1).max(64),
  causationId: z.string().min(1).max(64).nullable(),
  authorizationReference: z.string().max(36).optional(),
  payload: z.unknown(),
});

export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  version: number;
  occurredAt: string;
  producer: string;
  correlationId: string;
  causationId: string | null;
  authorizationReference?: string;
  payload: TPayload;
}

export type EnvelopeOf<D extends EventDefinition> = EventEnvelope<D['type'], PayloadOf<D>>;

export class ContractViolation extends Error {
  constructor(
    readonly code:
      | 'CONTRACT.INVALID_JSON'
      | 'CONTRACT.INVALID_ENVELOPE'
      | 'CONTRACT.UNKNOWN_TYPE'
      | 'CONTRACT.INVALID_PAYLOAD',
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

export interface CreateEventOptions {
  producer: string;
  /** The event this one is a consequence of: sets causationId, inherits correlationId and authorizationReference. */
  causedBy?: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'authorizationReference'>;
  /**
   * Makes the id deterministic: the same cause + discriminator always gives the same id, so a handler that
   * runs twice emits the same event twice and consumers drop the duplicate. Without a cause, the
   * discriminator alone seeds it (e.g. `ocpp:<station>:<messageId>`).
   */
  idDiscriminator?: string;
  correlationId?: string;
  authorizationReference?: string;
  occurredAt?: Date | string;
}

/** Builds a validated envelope. Throws ContractViolation when the payload does not match its schema. */
export function createEvent<D extends EventDefinition>(
  def: D,
  payload: PayloadOf<D>,
  opts: CreateEventOptions,
): EnvelopeOf<D> {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    throw new ContractViolation(
      'CONTRACT.INVALID_PAYLOAD',
      `${def.type} v${def.version}: ${z.prettifyError(parsed.error)}`,
    );
  }
  const cause = opts.causedBy;
  const eventId =
    opts.idDiscriminator !== undefined
      ? deriveEventId(cause?.eventId ?? 'root', `${def.type}:${opts.idDiscriminator}`)
      : cause
        ? deriveEventId(cause.eventId, def.type)
        : newEventId();
  const occurredAt =
    opts.occurredAt === undefined
      ? new Date().toISOString()
      : typeof opts.occurredAt === 'string'
        ? opts.occurredAt
        : opts.occurredAt.toISOString();
  const authorizationReference = opts.authorizationReference ?? cause?.authorizationReference;
  const envelope: EnvelopeOf<D> = {
    eventId,
    type: def.type,
    version: def.version,
    occurredAt,
    producer: opts.producer,
    correlationId: opts.correlationId ?? cause?.correlationId ?? eventId,
    causationId: cause?.eventId ?? null,
    payload: parsed.data as PayloadOf<D>,
  };
  if (authorizationReference !== undefined) envelope.authorizationReference = authorizationReference;
  const checked = EventEnvelopeSchema.safeParse(envelope);
  if (!checked.success) {
    throw new ContractViolation(
      'CONTRACT.INVALID_ENVELOPE',
      `${def.type} v${def.version}: ${z.prettifyError(checked.error)}`,
    );
  }
  return envelope;
}
