import { createHash, randomBytes } from 'node:crypto';
import { partyKey, type Party } from './party';

function uuidFromHash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  const b = h.digest();
  b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x80, 6); // RFC 9562 version 8 (name-based, SHA-256)
  b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The session id of a START_SESSION: derived from the PTP party and its authorization_reference, so the same
 * command sent twice names the same session (idempotent) and fits OCPI's CiString(36).
 */
export const sessionIdFor = (ptp: Party, authorizationReference: string) =>
  uuidFromHash('session', partyKey(ptp), authorizationReference.toUpperCase());

/** A STOP_SESSION's request id: the same stop sent twice is one request. */
export const stopRequestIdFor = (sessionId: string, responseUrl: string) =>
  uuidFromHash('stop', sessionId, responseUrl);

/** An authorization_reference when a sender omitted it (it is optional in StartSession). */
export const fallbackAuthorizationReference = (ptp: Party, responseUrl: string) =>
  uuidFromHash('authref', partyKey(ptp), responseUrl);

/** A credentials token: 32 random bytes, base64url (43 printable characters, within string(64)). */
export const newCredentialsToken = () => randomBytes(32).toString('base64url');

/**
 * Tokens are stored hashed. They are random 256-bit values, so an unsalted SHA-256 is enough: there is no
 * dictionary to attack.
 */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
