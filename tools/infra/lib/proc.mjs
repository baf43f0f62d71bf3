// Processes, pid files, ports and the install/up lock. Linux-first (/proc), degrades elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { InfraError, readJson, sleep, writeFileAtomic } from './util.mjs';

/** Is `pid` a live (non-zombie) process? */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform !== 'linux'; // no /proc: trust kill(0)
  }
}

/** The argv of a process, or undefined when it cannot be read. */
export function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Pids whose argv contains every one of `needles` (used to find our processes when a pid file is lost). */
export function findProcesses(needles) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const found = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const argv = cmdline(pid);
    if (argv && needles.every((n) => argv.includes(n)) && isAlive(pid)) found.push(pid);
  }
  return found;
}

export const readPidFile = (file) => readJson(file);
export const writePidFile = (file, info) => writeFileAtomic(file, `${JSON.stringify(info, null, 2)}\n`);
export function removeFile(file) {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}

/** 'free' or 'in-use' for 127.0.0.1:port (a connect attempt, then a bind attempt). */
export async function probePort(port, host = '127.0.0.1') {
  const connected = await new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (v) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
  if (connected) return 'in-use';
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e) => resolve(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? 'in-use' : 'free'));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve('free')));
  });
}

/** Best effort: "pid 123 (node -e ...)" for whoever listens on `port`, via /proc/net/tcp*. */
export function describePortOwner(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  let pids;
  try {
    pids = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return undefined;
  }
  for (const p of pids) {
    let fds;
    try {
      fds = fs.readdirSync(`/proc/${p}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target;
      try {
        target = fs.readlinkSync(`/proc/${p}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1])) {
        const argv = (cmdline(Number(p)) || []).join(' ');
        return `pid ${p} (${argv.length > 160 ? `${argv.slice(0, 160)}...` : argv})`;
      }
    }
  }
  return undefined;
}

/**
 * Start a long-running process detached from us (own session, output appended to `logFile`), so it
 * survives the CLI exiting. Resolves with its pid once spawn succeeded.
 */
export async function spawnDetached(cmd, args, { cwd, env, logFile }) {
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) =>
        reject(new InfraError(`could not start ${cmd}: ${e.code === 'ENOENT' ? 'not found' : e.message}`)),
      );
    });
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL. Returns 'stopped' | 'killed' | 'gone'. */
export async function stopProcess(pid, { graceMs = 20_000 } = {}) {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  const killDeadline = Date.now() + 5000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
  return 'killed';
}

/**
 * Run a build/download command to completion with a hard deadline; its output goes to `logFile`, each
 * output line is offered to `onLine` (for progress counters). Rejects with the log tail on failure.
 */
export function runToLog(cmd, args, { cwd, env, logFile, timeoutMs, onLine = () => {}, what }) {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(logFile, { flags: 'w' });
    const tail = [];
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(new InfraError(`${what}: could not run ${cmd}: ${e.message}`));
      return;
    }
    let partial = { stdout: '', stderr: '' };
    const feed = (stream) => (chunk) => {
      out.write(chunk);
      const text = partial[stream] + chunk.toString('utf8');
      const lines = text.split('\n');
      partial[stream] = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', feed('stdout'));
    child.stderr.on('data', feed('stderr'));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      out.end();
      reject(
        new InfraError(`${what}: could not run ${cmd}: ${e.code === 'ENOENT' ? 'not found' : e.message}`),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      out.end();
      if (code === 0) return resolve();
      const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : `failed (exit ${code ?? signal})`;
      reject(new InfraError(`${what} ${why}; full log: ${logFile}`, { logTail: tail.join('\n') }));
    });
  });
}

/**
 * A cross-process lock (a file holding our pid) so that two `up`s (say, the test runner and a developer)
 * do not start things twice. Stale locks of dead processes are taken over. Re-entrant within a process.
 */
let held = 0;
export async function withLock(lockFile, fn, { timeoutMs = 30 * 60_000, log } = {}) {
  if (held > 0) {
    held++;
    try {
      return await fn();
    } finally {
      held--;
    }
  }
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (!isAlive(owner) || owner === process.pid) {
      removeFile(lockFile);
      continue;
    }
    if (Date.now() > deadline) {
      throw new InfraError(`another infra command (pid ${owner}) has held ${lockFile} for too long`);
    }
    if (!announced && log) log.progress(`waiting for another infra command to finish (pid ${owner})...`);
    announced = true;
    await sleep(500);
  }
  held = 1;
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* ignore */
    }
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    held = 0;
    process.removeListener('exit', release);
    release();
  }
}
