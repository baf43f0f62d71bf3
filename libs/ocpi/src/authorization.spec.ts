import { encodeTokenHeader, tokenCandidates } from './authorization';

describe('Authorization header (transport_and_format: authorization)', () => {
  it('emits base64 of the token', () => {
    expect(encodeTokenHeader('ebf3b399-779f-4497-9b9d-ac6ad3cc44d2')).toBe(
      'Token ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQy',
    );
  });

  it.each([
    [
      'base64 (2.2+)',
      'Token ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQy',
      'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2',
    ],
    ['raw (2.1.1 era)', 'Token ebf3b399-779f-4497-9b9d-ac6ad3cc44d2', 'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2'],
    ['case-insensitive scheme', 'token abc-123', 'abc-123'],
  ])('reads %s', (_name, header, token) => {
    expect(tokenCandidates(header)).toContain(token);
  });

  it('offers both readings of a raw token that happens to be valid base64', () => {
    expect(tokenCandidates('Token dGVzdA==')).toEqual(['test', 'dGVzdA==']);
    // 'abcd' decodes to non-printable bytes, so only the raw reading remains
    expect(tokenCandidates('Token abcd')).toEqual(['abcd']);
  });

  it.each([[undefined], [''], ['Bearer abc'], ['Token'], ['Token a b']])('no candidates for %j', (header) => {
    expect(tokenCandidates(header)).toEqual([]);
  });
});
