import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { infraEnv, REPO_ROOT, waitFor } from '@tapcharge/testing';

interface ServiceDef {
  name: string;
  main: string;
  portEnv: string;
}

const SERVICE_DEFS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'tools/dev/services.json'), 'utf8')) as { services: ServiceDef[] }
).services;
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The six services as real processes (`node -r @swc-node/register apps/<app>/src/main.ts`) on free ports, in
 * their own namespace of the real Kafka and FerretDB, as an operator would run them. Logs go to
 * `.local/e2e/<namespace>/<service>.log`.
 */
export class Platform {
  private readonly procs = new Map<string, ChildProcess>();
  readonly ports: Record<string, number> = {};
  ocppPort = 0;
  private env: NodeJS.ProcessEnv = {};
  private logDir = '';

  constructor(
    readonly namespace: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get ocpiVersionsUrl(): string {
    return `http://127.0.0.1:${this.ports['ocpi-gateway']}/ocpi/versions`;
  }
  get ocppUrl(): string {
    return `ws://127.0.0.1:${this.ocppPort}/ocpp`;
  }
  url(service: string): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  /** Environment that points the operator CLI (apps/admin-cli) at these processes. */
  adminCliEnv(): Record<string, string> {
    return {
      ADMIN_TOKEN,
      TAPCHARGE_OCPI_URL: this.url('ocpi-gateway'),
      TAPCHARGE_OCPP_ADMIN_URL: this.url('ocpp-gateway'),
      TAPCHARGE_OCPP_WS_URL: this.ocppUrl,
      TAPCHARGE_TARIFF_URL: this.url('tariff-service'),
      TAPCHARGE_ENGINE_URL: this.url('session-engine'),
      TAPCHARGE_BILLING_URL: this.url('billing-cdr-service'),
    };
  }

  async start(): Promise<void> {
    for (const s of SERVICE_DEFS) this.ports[s.name] = await freePort();
    this.ocppPort = await freePort();
    this.logDir = join(REPO_ROOT, '.local/e2e', this.namespace);
    mkdirSync(this.logDir, { recursive: true });
    const infra = infraEnv();
    this.env = {
      ...process.env,
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      MONGO_URL: infra.MONGO_URL,
      NAMESPACE: this.namespace,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN,
      OCPP_PORT: String(this.ocppPort),
      PUBLIC_URL: this.url('ocpi-gateway'),
      INVOICE_BASE_URL: `${this.url('receipt-service')}/receipts/`,
      PUBLIC_BASE_URL: this.url('receipt-service'),
      SEED_STATIONS_FILE: 'deploy/seed/stations.json',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...Object.fromEntries(SERVICE_DEFS.map((s) => [s.portEnv, String(this.ports[s.name])])),
      ...this.extraEnv,
    };
    for (const s of SERVICE_DEFS) this.spawn(s);
    await Promise.all(SERVICE_DEFS.map((s) => this.waitReady(s.name)));
  }

  /** SIGKILL, as a crash: no graceful shutdown, no flush. */
  async kill(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  async restart(name: string): Promise<void> {
    await this.kill(name);
    const def = SERVICE_DEFS.find((s) => s.name === name);
    if (!def) throw new Error(`unknown service ${name}`);
    this.spawn(def);
    await this.waitReady(name);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.procs.values()].map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
            p.once('exit', () => (clearTimeout(t), resolve()));
            p.kill('SIGTERM');
          }),
      ),
    );
  }

  private spawn(s: ServiceDef): void {
    const log = createWriteStream(join(this.logDir, `${s.name}.log`), { flags: 'a' });
    const p = spawn(process.execPath, ['-r', '@swc-node/register', s.main], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    p.stdout?.pipe(log);
    p.stderr?.pipe(log);
    this.procs.set(s.name, p);
  }

  private async waitReady(name: string): Promise<void> {
    const log = `${this.logDir}/${name}.log`;
    const ready = await waitFor(
      async () => {
        const p = this.procs.get(name);
        if (p && p.exitCode !== null) return `exited with ${p.exitCode}`; // stop polling: it will not come up
        const r = await fetch(`${this.url(name)}/ready`, { signal: AbortSignal.timeout(2_000) }).catch(
          () => undefined,
        );
        return r?.ok === true ? 'ready' : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: `${name} to be ready (log: ${log})` },
    );
    if (ready !== 'ready') throw new Error(`${name} ${ready}; see ${log}`);
  }
}
