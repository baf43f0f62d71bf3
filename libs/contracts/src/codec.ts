import { z } from 'zod';
import { ContractViolation, EventEnvelopeSchema, type EnvelopeOf, type EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';
import { findEventDefinition } from './registry';

/** Serialises an envelope for the wire (UTF-8 JSON). */
export function encodeEvent(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

/**
 * Parses and validates a message from the wire: JSON, envelope, then the payload against the schema of its
 * type and version. Unknown payload fields are dropped (tolerant reader); anything else throws
 * ContractViolation with a stable code.
 */
export function decodeEvent(raw: Buffer | string | null): EventEnvelope {
  if (raw === null) throw new ContractViolation('CONTRACT.INVALID_JSON', 'empty message (tombstone)');
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (err) {
    throw new ContractViolation('CONTRACT.INVALID_JSON', `not JSON: ${(err as Error).message}`);
  }
  const env = EventEnvelopeSchema.safeParse(json);
  if (!env.success) {
    throw new ContractViolation('CONTRACT.INVALID_ENVELOPE', z.prettifyError(env.error));
  }
  const def = findEventDefinition(env.data.type, env.data.version);
  if (!def) {
    throw new ContractViolation(
      'CONTRACT.UNKNOWN_TYPE',
      `unknown event ${env.data.type} v${env.data.version}`,
    );
  }
  const payload = def.schema.safeParse(env.data.payload);
  if (!payload.success) {
    throw new ContractViolation(
      'CONTRACT.INVALID_PAYLOAD',
      `${def.type} v${def.version}: ${z.prettifyError(payload.error)}`,
    );
  }
  const out: EventEnvelope = { ...env.data, payload: payload.data };
  if (out.authorizationReference === undefined) delete out.authorizationReference;
  return out;
}

/** Narrows a decoded envelope to one definition's type. */
export function isEvent<D extends EventDefinition>(env: EventEnvelope, def: D): env is EnvelopeOf<D> {
  return env.type === def.type && env.version === def.version;
}
