import { formatDocumentNumber, seriesKey, sequenceOf } from './document-number';

const cpo = { countryCode: 'NL', partyId: 'TPC' };

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
