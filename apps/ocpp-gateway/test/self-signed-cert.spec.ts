import { createPrivateKey, X509Certificate } from 'node:crypto';
import { nodeSelfSignedCertificate } from './self-signed-cert';

describe('the node:crypto fallback for test certificates (used when openssl is absent)', () => {
  const { certPem, keyPem } = nodeSelfSignedCertificate(new Date('2026-01-02T03:04:05Z'));
  const cert = new X509Certificate(certPem);

  it('should be a self-signed certificate whose signature verifies with its own key', () => {
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
  });

  it('should name localhost and 127.0.0.1 (RFC 6125 subjectAltName checks)', () => {
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();
  });

  it('should be valid from just before now for one day', () => {
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-01-02T03:03:05.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2026-01-03T03:04:05.000Z');
    expect(cert.ca).toBe(true);
  });
});
