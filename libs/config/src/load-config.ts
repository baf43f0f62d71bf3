import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at boot against an app's schema (STYLE.md §5). Lists every bad variable at
 * once. Only an app's `config.ts` calls this; everything else receives the typed result.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/** Loads config or prints the problems and exits non-zero: for `main.ts`. */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/** Common env fields: Kafka, store, logging. Apps extend this. */
export const BaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:19092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27018'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Suffix for topics and databases, so parallel test runs never share state. Empty in production. */
  NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]*$/)
    .default(''),
});

/** A secret: required in production, with a development default elsewhere. */
export function secret(devDefault: string) {
  return z
    .string()
    .min(16)
    .optional()
    .transform((v, ctx) => {
      if (v) return v;
      if (process.env['NODE_ENV'] === 'production') {
        ctx.addIssue({ code: 'custom', message: 'required in production (no default for secrets)' });
        return z.NEVER;
      }
      return devDefault;
    });
}
