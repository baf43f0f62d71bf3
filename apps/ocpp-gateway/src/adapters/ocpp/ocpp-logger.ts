import type { LoggerLike } from 'ocpp-ws-io';
import type { Logger } from '@tapcharge/logging';

/**
 * ocpp-ws-io logs `(message, meta)`; pino takes `(meta, message)`. Handing it our pino logger keeps the
 * voltlog-io shim (vendor/voltlog-io) from ever formatting anything (ADR 0004).
 */
export function pinoForOcppWsIo(log: Logger): LoggerLike {
  const wrap = (l: Logger): LoggerLike => ({
    debug: (m, meta) => l.debug(meta ?? {}, m),
    // Per-connection chatter (connected, closed) at info would be thousands of lines in a reconnect storm.
    info: (m, meta) => l.debug(meta ?? {}, m),
    warn: (m, meta) => l.warn(meta ?? {}, m),
    error: (m, meta) => l.error(meta ?? {}, m),
    child: (ctx) => wrap(l.child(ctx)),
  });
  return wrap(log.child({ component: 'ocpp-ws-io' }));
}
