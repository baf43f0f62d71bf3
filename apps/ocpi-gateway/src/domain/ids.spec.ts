import { hashToken, newCredentialsToken, sessionIdFor, stopRequestIdFor } from './ids';

describe('deterministic ids', () => {
  const ptp = { countryCode: 'DE', partyId: 'PTP' };

  it.each([
    ['same party + reference -> same session id', ptp, 'pp-1', ptp, 'pp-1', true],
    ['CiString: case does not matter', ptp, 'PP-1', { countryCode: 'de', partyId: 'ptp' }, 'pp-1', true],
    ['another reference -> another session', ptp, 'pp-1', ptp, 'pp-2', false],
    [
      'another PTP, same reference -> another session',
      ptp,
      'pp-1',
      { countryCode: 'NL', partyId: 'PTP' },
      'pp-1',
      false,
    ],
  ])('%s', (_name, a, refA, b, refB, same) => {
    expect(sessionIdFor(a, refA) === sessionIdFor(b, refB)).toBe(same);
  });

  it('session ids fit OCPI CiString(36)', () => {
    expect(sessionIdFor(ptp, 'x')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a repeated stop is the same request; another response_url is another', () => {
    expect(stopRequestIdFor('s', 'http://a/1')).toBe(stopRequestIdFor('s', 'http://a/1'));
    expect(stopRequestIdFor('s', 'http://a/1')).not.toBe(stopRequestIdFor('s', 'http://a/2'));
  });

  it('credentials tokens are random, printable, at most 64 characters; hashes are stable', () => {
    const a = newCredentialsToken();
    expect(a).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(a).not.toBe(newCredentialsToken());
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toContain(a);
  });
});
