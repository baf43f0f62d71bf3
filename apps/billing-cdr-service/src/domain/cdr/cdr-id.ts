import { createHash } from 'node:crypto';

/**
 * The CDR id, derived from the session id only: a redelivered or replayed SessionCompleted, a restart or a
 * second instance all compute the same id, so there is one CDR per session. CiString(36) (non-credit CDR).
 */
export function cdrIdOf(sessionId: string): string {
  return `CDR-${createHash('sha256').update(sessionId).digest('hex').slice(0, 32).toUpperCase()}`;
}

/** A credit CDR's id: the original + `-C` (OCPI cdrs module, credit CDRs), CiString(39). */
export function creditCdrIdOf(cdrId: string): string {
  return `${cdrId}-C`;
}
