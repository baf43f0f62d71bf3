import { ConfigError, loadConfig } from '@tapcharge/config';
import { GatewayEnv } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(GatewayEnv, env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('gateway configuration: security profile 2 (TLS) files', () => {
  it('should accept neither file (profile 1, plain ws) and both files (profile 2, wss)', () => {
    expect(loadConfig(GatewayEnv, {}).OCPP_TLS_CERT_FILE).toBeUndefined();
    const tls = loadConfig(GatewayEnv, {
      OCPP_TLS_CERT_FILE: '/etc/ocpp/cert.pem',
      OCPP_TLS_KEY_FILE: '/etc/ocpp/key.pem',
      OCPP_TLS_CA_FILE: '/etc/ocpp/ca.pem',
    });
    expect(tls).toMatchObject({
      OCPP_TLS_CERT_FILE: '/etc/ocpp/cert.pem',
      OCPP_TLS_KEY_FILE: '/etc/ocpp/key.pem',
      OCPP_TLS_CA_FILE: '/etc/ocpp/ca.pem',
    });
  });

  it.each([
    [
      { OCPP_TLS_CERT_FILE: '/c.pem' },
      'OCPP_TLS_KEY_FILE: OCPP_TLS_CERT_FILE is set but OCPP_TLS_KEY_FILE is not',
    ],
    [
      { OCPP_TLS_KEY_FILE: '/k.pem' },
      'OCPP_TLS_CERT_FILE: OCPP_TLS_KEY_FILE is set but OCPP_TLS_CERT_FILE is not',
    ],
    [{ OCPP_TLS_CA_FILE: '/ca.pem' }, 'OCPP_TLS_CA_FILE: OCPP_TLS_CA_FILE only applies with TLS'],
  ])('should refuse %j with a message naming the missing variable', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
