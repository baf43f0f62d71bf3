/** A sequence number held for one document key until the document is written. */
export interface Reservation {
  key: string;
  sequence: number;
  reservedAt: string;
}

/**
 * The counter of one numbering series. `last` only grows; a number is handed out only together with its
 * reservation (same single-document write), so no number can be lost between allocation and use.
 */
export interface SeriesCounter {
  last: number;
  /** Bumped by every write: the compare-and-swap guard. */
  rev: number;
  pending: Reservation[];
}

export const EMPTY_COUNTER: SeriesCounter = { last: 0, rev: 0, pending: [] };

/**
 * Reserves the next number for `key`, or returns the number already reserved for it (a retry after a
 * crash reuses its number: no gap, no duplicate). `changed` says whether the counter must be written.
 */
export function reserveNumber(
  counter: SeriesCounter,
  key: string,
  now: Date,
): { counter: SeriesCounter; reservation: Reservation; changed: boolean } {
  const held = counter.pending.find((r) => r.key === key);
  if (held) return { counter, reservation: held, changed: false };
  const reservation = { key, sequence: counter.last + 1, reservedAt: now.toISOString() };
  return {
    counter: { last: reservation.sequence, rev: counter.rev + 1, pending: [...counter.pending, reservation] },
    reservation,
    changed: true,
  };
}

/** Drops the reservation of `key` once its document is stored; undefined when there is none. */
export function releaseNumber(counter: SeriesCounter, key: string): SeriesCounter | undefined {
  if (!counter.pending.some((r) => r.key === key)) return undefined;
  return { ...counter, rev: counter.rev + 1, pending: counter.pending.filter((r) => r.key !== key) };
}
