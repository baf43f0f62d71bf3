#!/usr/bin/env node
// `npm run up`: the whole system on this machine — Kafka + FerretDB (tools/infra), the six services, the seeded
// charger fleet (simulated) — then a demo PTP invitation; prints where to look; Ctrl-C stops everything cleanly.
// Options: --no-fleet (no simulated chargers), --keep-infra (leave Kafka/FerretDB running on exit).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_ADMIN_TOKEN, SERVICES, serviceEnv } from './services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const logsDir = join(root, '.local/logs');
const say = (msg) => console.log(`[up] ${msg}`);
const children = [];
let stopping = false;

function npmInstallIfNeeded() {
  const marker = join(root, 'node_modules/.package-lock.json');
  if (existsSync(marker) && statSync(join(root, 'package-lock.json')).mtimeMs <= statSync(marker).mtimeMs) return;
  say('installing npm packages (npm ci)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed');
}

function start(name, script, env) {
  const log = createWriteStream(join(logsDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) say(`${name} exited (${signal ?? code}); see .local/logs/${name}.log`);
  });
  children.push({ name, child });
  return child;
}

async function waitHealthy(name, url, deadlineMs = 120_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    const c = children.find((x) => x.name === name);
    if (c && c.child.exitCode !== null) throw new Error(`${name} exited during start-up; see .local/logs/${name}.log`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} not healthy at ${url} within ${deadlineMs / 1000} s; see .local/logs/${name}.log`);
}

async function stopAll(infra, code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping services');
  for (const { child } of [...children].reverse()) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), setTimeout(() => (child.kill('SIGKILL'), r()), 15_000))))),
  );
  if (!args.includes('--keep-infra')) {
    say('stopping Kafka + FerretDB');
    await infra.down({ quiet: true }).catch(() => undefined);
  }
  process.exit(code);
}

async function main() {
  npmInstallIfNeeded();
  mkdirSync(logsDir, { recursive: true });
  const infra = await import('../infra/lib/index.mjs');
  say('starting Kafka + FerretDB (first run downloads Kafka and builds FerretDB: ~2 min)');
  const up = await infra.ensureUp({});
  process.once('SIGINT', () => void stopAll(infra));
  process.once('SIGTERM', () => void stopAll(infra));

  const env = serviceEnv(up);
  for (const s of SERVICES) {
    say(`starting ${s.name}`);
    start(s.name, s.main, env);
  }
  for (const s of SERVICES) await waitHealthy(s.name, s.health);
  say('all six services are healthy');

  if (!args.includes('--no-fleet')) {
    start('station-fleet', 'tools/dev/demo-fleet.ts', { OCPP_URL: 'ws://127.0.0.1:9000/ocpp' });
  }

  const invite = await fetch('http://127.0.0.1:8080/admin/peers', {
    method: 'POST',
    headers: { authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Demo PTP' }),
  }).then((r) => r.json());
  const stations = JSON.parse(readFileSync(join(root, 'deploy/seed/stations.json'), 'utf8')).stations;

  console.log(`
TapCharge is up.
  OCPI (for PTPs)      http://127.0.0.1:8080/ocpi/versions   OpenAPI: http://127.0.0.1:8080/ocpi/openapi.json
    demo PTP invited:  CREDENTIALS_TOKEN_A=${invite?.data?.token_a ?? '(invite failed)'}
  OCPP (for chargers)  ws://127.0.0.1:9000/ocpp/{stationId}  (Basic Auth; security profile 1)
${stations.map((s) => `    ${s.stationId.padEnd(12)} ${s.protocol.padEnd(10)} password ${s.password}`).join('\n')}
  Receipts             http://127.0.0.1:8090/receipts/{authorization_reference}
  Admin APIs (Bearer ${DEV_ADMIN_TOKEN}): tariffs :8082/admin, billing :8083/admin, stations :9001/admin, PTPs :8080/admin
  Health/metrics       /health /ready /metrics on 8080 9001 9101 8082 8083 8090
  Logs                 .local/logs/<service>.log (pino JSON), Kafka .local/kafka/kafka.log, FerretDB .local/ferretdb/ferretdb.log
  Simulated chargers   ${args.includes('--no-fleet') ? 'off (--no-fleet)' : 'the stations above are connected, a car plugged into every connector'}

Next: \`npm run demo\` in another terminal plays a whole card session. Ctrl-C here stops everything.
`);
}

main().catch(async (err) => {
  console.error(`[up] ${err.message}`);
  if (err.hint) console.error(err.hint);
  if (err.logTail) console.error(err.logTail);
  const infra = await import('../infra/lib/index.mjs');
  await stopAll(infra, 1);
});
