import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8, name-based on SHA-256) derived from a causing event id and a discriminator.
 * Handlers that re-run after a crash therefore emit the very same ids, and consumers drop the duplicates.
 */
export function deriveEventId(causeId: string, discriminator: string): string {
  const h = createHash('sha256').update(causeId).update('\u0000').update(discriminator).digest();
  h.writeUInt8((h.readUInt8(6) & 0x0f) | 0x80, 6); // version 8
  h.writeUInt8((h.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 9562 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function newEventId(): string {
  return randomUUID();
}
