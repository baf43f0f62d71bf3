#!/usr/bin/env node
// The one test command (`npm test`): installs what it needs, starts the real infrastructure, runs every check
// and test, and ends with the line `N passed, N failed`. Works on a fresh clone of a fresh machine.
//
// Steps: npm packages -> Kafka jars + FerretDB launcher (tools/infra) -> Kafka + FerretDB up -> lint + typecheck
// (Nx, all projects) -> Chromium (Debian) for browser tests -> jest (unit + integration + e2e, one run) -> deploy
// checks -> summary.
// Options: --skip-lint, --only <jest path pattern>, --keep-infra (leave Kafka/FerretDB running).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (msg) => console.log(`[test ${elapsed()}] ${msg}`);

function run(cmd, cmdArgs, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`cannot run ${cmd}: ${err.message}`);
      resolve(127);
    });
  });
}

function needsNpmInstall() {
  const marker = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
}

const results = { passed: 0, failed: 0 };
const failures = [];
/** A gate that is not a jest test (lint, deploy checks): counted only when it fails. */
function step(name, ok) {
  if (ok) return;
  results.failed += 1;
  failures.push(name);
}

async function main() {
  if (needsNpmInstall()) {
    say('installing npm packages (npm ci)');
    const code = await run('npm', ['ci', '--no-audit', '--no-fund']);
    if (code !== 0) return finish(`npm ci failed (exit ${code})`);
  }

  say('installing and starting Kafka + FerretDB (tools/infra)');
  const infra = await import('./../infra/lib/index.mjs');
  let up;
  try {
    up = await infra.ensureUp({});
  } catch (err) {
    console.error(err.message);
    if (err.hint) console.error(err.hint);
    if (err.logTail) console.error(err.logTail);
    return finish('infrastructure did not start');
  }
  const startedInfra = up.started?.length > 0;

  try {
    if (!flag('--skip-lint')) {
      say('lint + typecheck (nx run-many)');
      const code = await run('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', '--outputStyle=static']);
      step('lint/typecheck', code === 0);
    }

    say('browser for the receipt tests (Debian chromium; installed once)');
    step('chromium install', (await run('bash', ['apps/receipt-service/test/ensure-chromium.sh'])) === 0);

    say('jest: unit + integration + e2e against the real Kafka and FerretDB');
    mkdirSync(join(root, '.local'), { recursive: true });
    const resultsFile = join(root, '.local/jest-results.json');
    const jestArgs = ['jest', '--runInBand', '--json', `--outputFile=${resultsFile}`];
    const only = option('--only');
    if (only) jestArgs.push('--testPathPatterns', only);
    const code = await run('npx', jestArgs, { env: { KAFKA_BROKERS: up.KAFKA_BROKERS, MONGO_URL: up.MONGO_URL } });
    if (existsSync(resultsFile)) {
      const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
      results.passed += r.numPassedTests;
      results.failed += r.numFailedTests;
      if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) step('jest suites that failed to run', false);
      if (r.numPendingTests > 0) say(`note: ${r.numPendingTests} tests pending/skipped`);
    } else {
      step('jest (no results written)', false);
    }
    if (code !== 0 && results.failed === 0) step(`jest exit ${code}`, false);

    const deployCheck = join(root, 'tools/deploy/check.mjs');
    if (existsSync(deployCheck) && !only) {
      say('deploy checks (docker compose config, helm lint/template, kubeconform)');
      step('deploy checks', (await run(process.execPath, [deployCheck])) === 0);
    }
  } finally {
    if (startedInfra && !flag('--keep-infra')) {
      say('stopping Kafka + FerretDB (started by this run)');
      await infra.down({ quiet: true }).catch(() => undefined);
    }
  }
  return finish();
}

function finish(fatal) {
  if (fatal) {
    results.failed += 1;
    failures.push(fatal);
  }
  if (failures.length) console.log(`\nfailed: ${failures.join('; ')}`);
  console.log(`\ntotal time ${elapsed()}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exitCode = results.failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  finish('test runner crashed');
});
