/*
 * schemathesis (PyPI) against the OpenAPI document of a running gateway (real Kafka + FerretDB): starts the
 * gateway as a process, registers a simulated PTP for a token C, publishes the demo tariff, then runs
 * `st run <gateway>/ocpi/openapi.json` with that token and prints its summary and the figures from its JSON
 * report. DELETE credentials is left out (it would unregister the PTP whose token the run uses).
 *
 * One-time setup: python3 -m venv .local/st-venv && .local/st-venv/bin/pip install schemathesis
 * Run: node -r @swc-node/register apps/ocpi-gateway/bench/schemathesis.ts
 * Env: ST_BIN (default .local/st-venv/bin/st), ST_MAX_EXAMPLES (default 50), ST_CHECKS (default all),
 *      ST_SEED (default 20261124), ST_ARGS (extra arguments, space separated)
 */
import { createEvent, EVENTS } from '@tapcharge/contracts';
import { createKafka, EventPublisher } from '@tapcharge/kafka';
import { encodeTokenHeader } from '@tapcharge/ocpi';
import { PtpSimulator } from '@tapcharge/ptp-simulator';
import { infraEnv, uniqueNamespace, waitFor } from '@tapcharge/testing';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ST_BIN = process.env['ST_BIN'] ?? '.local/st-venv/bin/st';
const PORT = 19000 + Math.floor(Math.random() * 1000);
const ADMIN = 'schemathesis-admin-token-0123456789';

/** Runs in `cwd` (a temp dir): schemathesis and hypothesis leave their caches in the working directory. */
function run(cmd: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  if (!existsSync(ST_BIN)) {
    process.stderr.write(
      `schemathesis not found at ${ST_BIN}: python3 -m venv .local/st-venv && .local/st-venv/bin/pip install schemathesis\n`,
    );
    return 2;
  }
  const { KAFKA_BROKERS, MONGO_URL } = infraEnv();
  const namespace = uniqueNamespace('ocpist');
  const gateway = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ocpi-gateway/src/main.ts'], {
    env: {
      ...process.env,
      KAFKA_BROKERS,
      MONGO_URL,
      NAMESPACE: namespace,
      OCPI_PORT: String(PORT),
      OCPI_HOST: '127.0.0.1',
      ADMIN_TOKEN: ADMIN,
      PEER_HTTP_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'error',
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${PORT}`;
  const ptp = new PtpSimulator({ countryCode: 'DE', partyId: 'STH' });
  try {
    await waitFor(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200, {
      timeoutMs: 90_000,
      description: 'gateway ready',
    });
    const publisher = new EventPublisher(createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'st' }), {
      namespace,
    });
    await publisher.start();
    await publisher.publish(
      createEvent(
        EVENTS.TariffChanged,
        {
          tariffId: 'ST-TARIFF',
          countryCode: 'NL',
          partyId: 'TPC',
          ocpiVersion: '2.3.0',
          tariff: {
            country_code: 'NL',
            party_id: 'TPC',
            id: 'ST-TARIFF',
            currency: 'EUR',
            type: 'AD_HOC_PAYMENT',
            elements: [{ price_components: [{ type: 'ENERGY', price: 0.4, vat: 21, step_size: 1 }] }],
            tax_included: 'NO',
            last_updated: '2026-01-01T00:00:00Z',
          },
          appliesTo: ['LOC-001/LOC-001-EVSE-01/1'],
          lastUpdated: '2026-01-01T00:00:00Z',
        },
        { producer: 'schemathesis' },
      ),
    );
    await publisher.stop();
    await ptp.start();
    const invitation = (await (
      await fetch(`${base}/admin/peers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: '{"name":"schemathesis"}',
      })
    ).json()) as { data: { token_a: string } };
    await ptp.register(`${base}/ocpi/versions`, invitation.data.token_a);

    const reportDir = mkdtempSync(join(tmpdir(), 'st-report-'));
    const args = [
      'run',
      `${base}/ocpi/openapi.json`,
      '--header',
      `Authorization: ${encodeTokenHeader(ptp.cpoToken ?? '')}`,
      '--checks',
      process.env['ST_CHECKS'] ?? 'all',
      '--max-examples',
      process.env['ST_MAX_EXAMPLES'] ?? '50',
      '--seed',
      process.env['ST_SEED'] ?? '20261124',
      '--exclude-method',
      'DELETE',
      '--request-timeout',
      '15',
      '--workers',
      '1',
      '--report',
      'json',
      '--report-dir',
      reportDir,
      '--generation-database',
      ':memory:',
      '--no-color',
      ...(process.env['ST_ARGS']?.split(' ').filter(Boolean) ?? []),
    ];
    const code = await run(resolve(ST_BIN), args, reportDir);
    const health = await fetch(`${base}/health`).catch(() => undefined);
    process.stdout.write(`gateway alive after the run: ${health?.status === 200 ? 'yes' : 'NO'}\n`);
    const report = join(reportDir, 'schemathesis.json');
    if (existsSync(report))
      process.stdout.write(`JSON report: ${report} (${readFileSync(report).length} bytes)\n`);
    return code;
  } finally {
    await ptp.stop();
    gateway.kill('SIGTERM');
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`schemathesis run failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
