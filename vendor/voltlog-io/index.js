'use strict';
// Minimal logger with the API surface ocpp-ws-io loads. We always hand ocpp-ws-io our own pino logger
// (`logging: { logger }`), so this is only a fallback: JSON lines on stderr at or above the chosen level.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

function transport(name, opts) {
  const min = LEVELS[String((opts && opts.level) || 'INFO').toLowerCase()] || LEVELS.info;
  return { name, write: (entry) => (LEVELS[entry.level] || 0) >= min && process.stderr.write(JSON.stringify(entry) + '\n') };
}

function createLogger(opts, context) {
  const transports = (opts && opts.transports) || [transport('console', opts)];
  const log = (level) => (message, meta) => {
    const entry = { level, time: Date.now(), message, context, meta };
    for (const t of transports) t.write(entry);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (extra) => createLogger(opts, Object.assign({}, context, extra)),
  };
}

module.exports = {
  createLogger,
  consoleTransport: (opts) => transport('console', opts),
  prettyTransport: (opts) => transport('pretty', opts),
};
