import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  service: string;
  level?: LoggerOptions['level'];
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/** pino JSON logs; every line names its service. ISO timestamps so lines sort and read across services. */
export function createLogger(opts: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: opts.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['*.password', '*.token', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** Context every log line of a session carries (DEVELOPERS guide: authorization_reference + correlation id). */
export interface SessionLogContext {
  authorizationReference?: string;
  correlationId?: string;
  sessionId?: string;
  stationId?: string;
}

export function sessionLogger(base: Logger, ctx: SessionLogContext): Logger {
  const bindings: Record<string, string> = {};
  if (ctx.authorizationReference) bindings['authorization_reference'] = ctx.authorizationReference;
  if (ctx.correlationId) bindings['correlation_id'] = ctx.correlationId;
  if (ctx.sessionId) bindings['session_id'] = ctx.sessionId;
  if (ctx.stationId) bindings['station_id'] = ctx.stationId;
  return base.child(bindings);
}
