#!/usr/bin/env node
// `npm run up`: the whole system on this machine — Kafka + FerretDB (tools/infra), the six services, the seeded
// charger fleet (simulated) — then a demo PTP invited with the operator CLI; prints where to look (token A, versions
// URL, every charger's OCPP URL and password); Ctrl-C stops everything cleanly.
// Options: --no-fleet (no simulated chargers), --keep-infra (leave Kafka/FerretDB running on exit).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_ADMIN_TOKEN, SERVICES, serviceEnv } from './services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const logsDir = join(root, '.local/logs');
const OCPP_WS = 'ws://127.0.0.1:9000/ocpp';
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

/** Runs the operator CLI (`npm run -s admin -- ...`) against the local services; resolves to its JSON answer. */
function admin(argv) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/admin-cli/src/main.ts', ...argv], {
      cwd: root,
      env: { ...process.env, ADMIN_TOKEN: DEV_ADMIN_TOKEN, TAPCHARGE_OCPI_URL: 'http://127.0.0.1:8080' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return resolve({ ok: false, error: err.trim() || `exit ${code}` });
      try {
        resolve({ ok: true, data: JSON.parse(out) });
      } catch {
        resolve({ ok: false, error: `unexpected output: ${out.slice(0, 200)}` });
      }
    });
  });
}

/** The fleet logs one JSON line per event; resolves with its `fleet ready` line (or undefined after 60 s). */
function waitForFleet(child, deadlineMs = 60_000) {
  return new Promise((resolve) => {
    let buffered = '';
    const timer = setTimeout(() => done(undefined), deadlineMs);
    const onData = (d) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line);
          if (entry.event === 'fleet ready') return done(entry);
        } catch {
          // not one of the fleet's JSON lines
        }
      }
    };
    function done(value) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(value);
    }
    const onExit = () => done(undefined);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
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

  const withFleet = !args.includes('--no-fleet');
  const fleetReady = withFleet
    ? waitForFleet(start('station-fleet', 'tools/dev/demo-fleet.ts', { OCPP_URL: OCPP_WS }))
    : Promise.resolve(undefined);

  // The demo PTP is invited the way an operator does it: with the operator CLI (apps/admin-cli).
  const invite = await admin(['ptp', 'invite', '--name', 'Demo PTP', '--json']);
  const stations = JSON.parse(readFileSync(join(root, 'deploy/seed/stations.json'), 'utf8')).stations;
  const fleet = await fleetReady;
  const online = new Set(fleet?.online ?? []);
  const stationLines = stations.map((s) => {
    const evses = s.connectors.map((c) => `${c.evseUid}:${c.connectorId}`).join(',');
    const state = !withFleet
      ? 'free for your charger'
      : online.has(s.stationId)
        ? 'simulated, online'
        : 'simulated, NOT online: see .local/logs/station-fleet.log';
    const protocol = s.protocol.replace('ocpp', 'OCPP ');
    const url = `${OCPP_WS}/${s.stationId}`.padEnd(38);
    return `    ${url} ${protocol.padEnd(10)} password ${s.password.padEnd(24)} ${evses} (${state})`;
  });

  const ptpLines = invite.ok
    ? [
        `    demo PTP invited (peer ${invite.data.peer_id}); point your own PTP client at:`,
        `      versions URL   ${invite.data.versions_url}`,
        `      token A        ${invite.data.token_a}`,
        '      (GET versions with `Authorization: Token <base64(token A)>`, then POST your credentials)',
      ]
    : [`    demo PTP invite failed: ${invite.error}`];
  const yourCharger = withFleet
    ? '    Taken by the simulated fleet: for your own charger use `npm run up -- --no-fleet`, or register one:'
    : '    Point your own charger at one of these, or register one:';
  const fleetState = withFleet
    ? `${online.size} of ${stations.length} online, a car plugged into every connector` +
      (fleet ? '' : ' (the fleet did not report ready within 60 s)')
    : 'off (--no-fleet)';

  console.log(`
TapCharge is up.
  OCPI (for PTPs)      http://127.0.0.1:8080/ocpi/versions   OpenAPI: http://127.0.0.1:8080/ocpi/openapi.json
${ptpLines.join('\n')}
  OCPP (for chargers)  ${OCPP_WS}/{stationId}  (Basic Auth: station id + password; security profile 1)
${stationLines.join('\n')}
${yourCharger}
      npm run -s admin -- station add --id <identity> --location <id> --evse <uid>:<connector> [--protocol 1.6]
  Receipts             http://127.0.0.1:8090/receipts/{authorization_reference}
  Operator CLI         npm run -s admin -- --help   (ptp list, station list, session list --active, session show <ref>)
  Admin APIs (Bearer ${DEV_ADMIN_TOKEN}): PTPs :8080/admin, stations :9001/admin, tariffs :8082/admin,
                       billing :8083/admin, sessions :9101/admin
  Health/metrics       /health /ready /metrics on 8080 9001 9101 8082 8083 8090
  Logs                 .local/logs/<service>.log (pino JSON), Kafka .local/kafka/kafka.log, FerretDB .local/ferretdb/ferretdb.log
  Simulated chargers   ${fleetState}

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
