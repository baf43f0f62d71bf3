import { z } from 'zod';
import { BaseEnv, ConfigError, loadConfig, secret } from './load-config';

describe('loadConfig', () => {
  const Schema = BaseEnv.extend({ PORT: z.coerce.number().int().min(1).max(65535).default(8080) });

  it('applies defaults and parses lists', () => {
    const cfg = loadConfig(Schema, { KAFKA_BROKERS: '127.0.0.1:1, 127.0.0.1:2' });
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect(cfg.PORT).toBe(8080);
    expect(cfg.NAMESPACE).toBe('');
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig(Schema, { PORT: '70000', MONGO_URL: 'http://x', LOG_LEVEL: 'loud' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/MONGO_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('secrets have no default in production', () => {
    const S = z.object({ ADMIN_TOKEN: secret('dev-admin-token-0000') });
    const old = process.env['NODE_ENV'];
    try {
      process.env['NODE_ENV'] = 'production';
      expect(() => loadConfig(S, {})).toThrow(/ADMIN_TOKEN: required in production/);
      process.env['NODE_ENV'] = 'development';
      expect(loadConfig(S, {}).ADMIN_TOKEN).toBe('dev-admin-token-0000');
    } finally {
      process.env['NODE_ENV'] = old;
    }
  });
});
