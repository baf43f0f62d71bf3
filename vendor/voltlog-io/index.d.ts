export interface LogEntry {
  level: string;
  time: number;
  message: string;
  context?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}
export interface Transport {
  name: string;
  write(entry: LogEntry): void;
}
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  child(context: Record<string, unknown>): Logger;
}
export function createLogger(opts?: { level?: string; transports?: Transport[]; middleware?: unknown[] }): Logger;
export function consoleTransport(opts?: { level?: string }): Transport;
export function prettyTransport(opts?: { level?: string }): Transport;
