// Programmatic API of the infra harness (used by tools/infra/cli.mjs, the test runner and the dev `up` script).
//
//   import { ensureUp, down, status, install, readInfraEnv } from '../infra/lib/index.mjs';
//   const env = await ensureUp({ quiet: true });   // { KAFKA_BROKERS, MONGO_URL, kafka, ferretdb, ... }
import fs from 'node:fs';
import { getConfig } from './config.mjs';
import { ferretdbBuilt, install as installTools, kafkaInstalled } from './install.mjs';
import { describePortOwner, probePort, removeFile, stopProcess, withLock } from './proc.mjs';
import { FerretdbService, KafkaService } from './services.mjs';
import { InfraError, makeLogger, readJson, rel, seconds, writeFileAtomic } from './util.mjs';

export { InfraError, getConfig };
export { PROBE_TOPIC } from './services.mjs';

const services = (cfg) => [new KafkaService(cfg), new FerretdbService(cfg)];

/**
 * Download/build what is missing into `.tools/`. Returns
 * { kafka: { skipped } | { jars, mb, ms }, ferretdb: { skipped } | { mb, ms }, toolVersions, ms }.
 */
export async function install({ quiet = false, log: sink, force = false } = {}) {
  const cfg = getConfig();
  const log = makeLogger({ quiet, sink });
  return withLock(cfg.lockFile, () => installTools(cfg, log, { force }), { log });
}

/**
 * Install if needed, start Kafka and FerretDB unless our instances already run, wait until both answer,
 * write `.local/infra.env` + `.local/infra.json`. Idempotent; safe to call from several processes.
 *
 * Options: quiet (only slow-step progress and warnings), log (line sink), topics (names or
 * { topic, numPartitions } to create idempotently once Kafka is ready).
 * Returns the infra env: { KAFKA_BROKERS, MONGO_URL, kafka: {...}, ferretdb: {...}, started: [...],
 * reused: [...], createdTopics: [...], ms }.
 */
export async function ensureUp({ quiet = false, log: sink, topics = [] } = {}) {
  const started = Date.now();
  const cfg = getConfig();
  const log = makeLogger({ quiet, sink });
  return withLock(
    cfg.lockFile,
    async () => {
      await installTools(cfg, log);
      fs.mkdirSync(cfg.localDir, { recursive: true });
      const list = services(cfg).map((svc) => ({ svc, state: svc.inspect() }));

      // Our own instance on other ports than requested: say so rather than guess.
      for (const { svc, state } of list) {
        if (!state.running) continue;
        const mismatch = Object.entries(svc.ports).filter(
          ([k, v]) => state[k] !== undefined && state[k] !== v,
        );
        if (mismatch.length) {
          throw new InfraError(
            `${svc.label} is already running (pid ${state.pid}) with ${mismatch.map(([k]) => `${k} ${state[k]}`).join(', ')}, ` +
              `but ${mismatch.map(([k, v]) => `${k} ${v}`).join(', ')} was requested`,
            {
              hint: 'run `npm run infra:down` first, or unset KAFKA_PORT / KAFKA_CONTROLLER_PORT / FERRETDB_PORT',
            },
          );
        }
      }

      // Ports for the services we are about to start must be free.
      const taken = [];
      for (const { svc, state } of list) {
        if (state.running) continue;
        for (const [what, port] of Object.entries(svc.ports)) {
          if ((await probePort(port, cfg.host)) === 'in-use') {
            const owner = describePortOwner(port);
            taken.push(
              `port ${port} (${svc.label} ${what === 'port' ? 'listener' : 'controller'}) is already in use by ${owner ?? 'another process'}`,
            );
          }
        }
      }
      if (taken.length) {
        throw new InfraError(`cannot start: ${taken.join('; ')}`, {
          hint:
            'stop that process (if it is another checkout of this project: `npm run infra:down` there), ' +
            'or pick free ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT / FERRETDB_PORT',
        });
      }

      for (const item of list) {
        if (item.state.running) {
          log.info(`${item.svc.name}: reusing running instance (pid ${item.state.pid})`);
          item.reused = true;
        } else {
          item.state = await item.svc.start(log);
        }
      }

      const readiness = await Promise.allSettled(
        list.map(async ({ svc, state, reused }) => {
          const t0 = Date.now();
          try {
            await svc.waitReady(state, log);
          } catch (e) {
            if (!reused) {
              await stopProcess(state.pid, { graceMs: 5000 });
              removeFile(svc.pidFile);
            }
            throw e;
          }
          log.info(`${svc.name}: ready${reused ? '' : ` after ${seconds(Date.now() - t0)}`}`);
        }),
      );
      const failures = readiness.filter((r) => r.status === 'rejected').map((r) => r.reason);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) {
        throw new InfraError(failures.map((e) => e.message).join('\n'), {
          logTail: failures
            .map((e) => e.logTail)
            .filter(Boolean)
            .join('\n---\n'),
          hint: failures.find((e) => e.hint)?.hint,
        });
      }

      const [kafka, ferretdb] = list;
      let createdTopics = [];
      if (topics.length) {
        createdTopics = await kafka.svc.createTopics(kafka.state, topics);
        if (createdTopics.length) log.info(`kafka: created topics ${createdTopics.join(', ')}`);
      }

      const env = {
        KAFKA_BROKERS: `${cfg.host}:${kafka.state.port}`,
        MONGO_URL: `mongodb://${cfg.host}:${ferretdb.state.port}`,
        kafka: {
          version: cfg.kafka.version,
          pid: kafka.state.pid,
          port: kafka.state.port,
          controllerPort: kafka.state.controllerPort,
          log: cfg.kafka.log,
          dataDir: cfg.kafka.dataDir,
        },
        ferretdb: {
          version: ferretdb.svc.version,
          pid: ferretdb.state.pid,
          port: ferretdb.state.port,
          log: cfg.ferretdb.log,
          dataDir: cfg.ferretdb.dataDir,
        },
        updatedAt: new Date().toISOString(),
      };
      writeFileAtomic(cfg.envFile, `KAFKA_BROKERS=${env.KAFKA_BROKERS}\nMONGO_URL=${env.MONGO_URL}\n`);
      writeFileAtomic(cfg.jsonFile, `${JSON.stringify(env, null, 2)}\n`);

      const ms = Date.now() - started;
      const r = (p) => rel(cfg.root, p);
      const verb = (item) => (item.reused ? 'reused' : 'started');
      log.info(`up in ${seconds(ms)} (kafka ${verb(kafka)}, ferretdb ${verb(ferretdb)})`);
      log.info(
        `  KAFKA_BROKERS=${env.KAFKA_BROKERS}  Kafka ${cfg.kafka.version} KRaft, pid ${env.kafka.pid}, controller ${cfg.host}:${env.kafka.controllerPort}, log ${r(cfg.kafka.log)}`,
      );
      log.info(
        `  MONGO_URL=${env.MONGO_URL}  ${ferretdb.svc.label} (SQLite), pid ${env.ferretdb.pid}, data ${r(cfg.ferretdb.dataDir)}, log ${r(cfg.ferretdb.log)}`,
      );
      log.info(
        `  settings for tests and services: ${r(cfg.envFile)}, ${r(cfg.jsonFile)}; stop with \`npm run infra:down\``,
      );
      return {
        ...env,
        started: list.filter((i) => !i.reused).map((i) => i.svc.name),
        reused: list.filter((i) => i.reused).map((i) => i.svc.name),
        createdTopics,
        ms,
      };
    },
    { log },
  );
}

/**
 * Stop our Kafka and FerretDB (SIGTERM, up to 20 s, then SIGKILL) and remove pid files and infra.env/json.
 * purge: also delete .local/kafka and .local/ferretdb (data and logs).
 * Returns { kafka: 'stopped'|'killed'|'not running', ferretdb: ..., purged, ms }.
 */
export async function down({ quiet = false, log: sink, purge = false } = {}) {
  const t0 = Date.now();
  const cfg = getConfig();
  const log = makeLogger({ quiet, sink });
  return withLock(
    cfg.lockFile,
    async () => {
      const result = { purged: false };
      await Promise.all(
        services(cfg).map(async (svc) => {
          const state = svc.inspect();
          if (!state.running) {
            result[svc.name] = 'not running';
            log.info(`${svc.name}: not running`);
            return;
          }
          log.info(`${svc.name}: stopping pid ${state.pid}...`);
          const t = Date.now();
          const how = await stopProcess(state.pid, { graceMs: 20_000 });
          result[svc.name] = how === 'gone' ? 'stopped' : how;
          removeFile(svc.pidFile);
          log.info(
            `${svc.name}: ${how === 'killed' ? 'killed (did not stop within 20 s)' : 'stopped'} in ${seconds(Date.now() - t)}`,
          );
        }),
      );
      removeFile(cfg.envFile);
      removeFile(cfg.jsonFile);
      if (purge) {
        fs.rmSync(cfg.kafka.dir, { recursive: true, force: true });
        fs.rmSync(cfg.ferretdb.dir, { recursive: true, force: true });
        result.purged = true;
        log.info(`purged ${rel(cfg.root, cfg.kafka.dir)} and ${rel(cfg.root, cfg.ferretdb.dir)}`);
      }
      result.ms = Date.now() - t0;
      log.info(`down in ${seconds(result.ms)}`);
      return result;
    },
    { log },
  );
}

/** Snapshot of what is installed and running: { kafka: {...}, ferretdb: {...}, env } (no side effects but stale pid cleanup). */
export async function status() {
  const cfg = getConfig();
  const out = {};
  for (const svc of services(cfg)) {
    const state = svc.inspect();
    const listening = state.running ? (await probePort(state.port, cfg.host)) === 'in-use' : false;
    out[svc.name] = {
      label: svc.label,
      running: state.running,
      listening,
      pid: state.running ? state.pid : undefined,
      ...(state.running ? pickPorts(state) : svc.ports),
      installed: svc.name === 'kafka' ? kafkaInstalled(cfg) : ferretdbBuilt(cfg),
      log: svc.log,
    };
  }
  out.env = readInfraEnv();
  return out;
}

function pickPorts(state) {
  const p = { port: state.port };
  if (state.controllerPort !== undefined) p.controllerPort = state.controllerPort;
  return p;
}

/**
 * The settings written by the last successful ensureUp(): { KAFKA_BROKERS, MONGO_URL, kafka, ferretdb },
 * or null when the infra is not up (pass { required: true } to throw a helpful error instead).
 */
export function readInfraEnv({ required = false } = {}) {
  const env = readJson(getConfig().jsonFile) ?? null;
  if (!env && required) {
    throw new InfraError('infra is not up (no .local/infra.json)', { hint: 'run `npm run infra:up`' });
  }
  return env;
}
