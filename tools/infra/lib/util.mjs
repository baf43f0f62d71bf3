// Small helpers shared by the infra harness: errors, logging, timing, file tails.
import fs from 'node:fs';
import path from 'node:path';

/** An expected failure with a message meant for humans (the CLI prints it without a stack trace). */
export class InfraError extends Error {
  constructor(message, { hint, logTail } = {}) {
    super(message);
    this.name = 'InfraError';
    this.hint = hint;
    this.logTail = logTail;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` unless `promise` settles first; never leaves a timer behind. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A logger: `info` lines are dropped when quiet; `progress` lines (slow steps, heartbeats) and `warn`
 * are always shown, so a long cold install never looks like a hang.
 */
export function makeLogger({ quiet = false, sink = (line) => process.stdout.write(`${line}\n`) } = {}) {
  return {
    info: (msg) => {
      if (!quiet) sink(`[infra] ${msg}`);
    },
    progress: (msg) => sink(`[infra] ${msg}`),
    warn: (msg) => sink(`[infra] WARNING: ${msg}`),
  };
}

/** Last `lines` lines of a file, starting at byte `from` (so only the current run's output is shown). */
export function tailFile(file, { lines = 40, from = 0 } = {}) {
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(from, size - 64 * 1024);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8').split('\n').filter(Boolean).slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

export function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Write via a temp file + rename so readers never see a half-written file. */
export function writeFileAtomic(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export function rel(root, p) {
  const r = path.relative(root, p);
  return r && !r.startsWith('..') ? r : p;
}
