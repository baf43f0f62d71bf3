import { formatDocumentNumber, seriesKey, sequenceOf } from './document-number';
import { EMPTY_COUNTER, releaseNumber, reserveNumber } from './number-reservation';

const cpo = { countryCode: 'NL', partyId: 'TPC' };
const at = new Date('2026-03-10T12:00:00Z');

describe('document numbers: per CPO and series, sequential', () => {
  it.each([
    ['INV', 1, 'NLTPC-INV-00000001'],
    ['INV', 42, 'NLTPC-INV-00000042'],
    ['CN', 7, 'NLTPC-CN-00000007'],
    ['INV', 123_456_789, 'NLTPC-INV-123456789'],
  ] as const)('%s #%d -> %s (and back)', (series, n, text) => {
    expect(formatDocumentNumber(cpo, series, n)).toBe(text);
    expect(sequenceOf(text)).toBe(n);
    expect(text.length).toBeLessThanOrEqual(39);
  });

  it('rejects sequences that are not positive integers', () => {
    expect(() => formatDocumentNumber(cpo, 'INV', 0)).toThrow(RangeError);
    expect(() => formatDocumentNumber(cpo, 'INV', 1.5)).toThrow(RangeError);
  });

  it('one counter per CPO and series', () => {
    expect(seriesKey(cpo, 'INV')).toBe('INV:NLTPC');
    expect(seriesKey({ countryCode: 'BE', partyId: 'ABC' }, 'CN')).toBe('CN:BEABC');
  });
});

describe('reserve-then-fill numbering (no gap, no duplicate)', () => {
  it('hands out 1, 2, 3 to new keys and the same number again to a retried key', () => {
    const a = reserveNumber(EMPTY_COUNTER, 'rec-a#INV', at);
    const b = reserveNumber(a.counter, 'rec-b#INV', at);
    const retryA = reserveNumber(b.counter, 'rec-a#INV', at);
    const c = reserveNumber(b.counter, 'rec-c#INV', at);
    expect([a.reservation.sequence, b.reservation.sequence, c.reservation.sequence]).toEqual([1, 2, 3]);
    expect(retryA).toEqual({ counter: b.counter, reservation: a.reservation, changed: false });
    expect(c.counter).toMatchObject({ last: 3, rev: 3 });
  });

  it('releasing keeps the counter (numbers are never reused) and is idempotent', () => {
    const a = reserveNumber(EMPTY_COUNTER, 'k1', at);
    const released = releaseNumber(a.counter, 'k1') ?? EMPTY_COUNTER;
    expect(released).toEqual({ last: 1, rev: 2, pending: [] });
    expect(releaseNumber(released, 'k1')).toBeUndefined();
    expect(reserveNumber(released, 'k1', at).reservation.sequence).toBe(2);
  });
});
