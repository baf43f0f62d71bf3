import {
  ContractViolation,
  createEvent,
  type CreateEventOptions,
  type EnvelopeOf,
  type EventDefinition,
  type PayloadOf,
} from '@tapcharge/contracts';
import { OcpiError } from '../ocpi-error';

/**
 * The event a peer's request becomes. The OCPI schemas admit a few values our event contracts cannot carry
 * (e.g. a URL that only looks like one, a 36-character custom token type where the contract allows 32): such
 * a request is the peer's problem, answered with 2001 naming the field, not a server error.
 */
export function eventFromRequest<D extends EventDefinition>(
  def: D,
  payload: PayloadOf<D>,
  opts: CreateEventOptions,
): EnvelopeOf<D> {
  try {
    return createEvent(def, payload, opts);
  } catch (err) {
    if (!(err instanceof ContractViolation)) throw err;
    const detail = err.message.replace(/\s*\n\s*(→\s*)?/g, (_m, arrow: string | undefined) =>
      arrow ? ' at ' : '; ',
    );
    throw OcpiError.invalid(`The request cannot be accepted: ${detail}`);
  }
}
