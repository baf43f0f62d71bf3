// Where everything lives and which ports to use. Resolved from this file's location, so any cwd works.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError } from './util.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const DEFAULTS = Object.freeze({
  kafkaVersion: '3.9.1',
  kafkaPort: 19092,
  ferretdbPort: 27018,
});

function parsePort(name, raw, fallback) {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new InfraError(`${name}=${raw} is not a valid TCP port (1-65535)`);
  }
  return n;
}

/** Everything derived from the environment; call again after changing process.env. */
export function getConfig(env = process.env) {
  const kafkaVersion = env.KAFKA_VERSION || DEFAULTS.kafkaVersion;
  if (!/^\d+\.\d+\.\d+$/.test(kafkaVersion))
    throw new InfraError(`KAFKA_VERSION=${kafkaVersion} is not x.y.z`);
  const kafkaPort = parsePort('KAFKA_PORT', env.KAFKA_PORT, DEFAULTS.kafkaPort);
  const controllerPort = parsePort('KAFKA_CONTROLLER_PORT', env.KAFKA_CONTROLLER_PORT, kafkaPort + 1);
  const ferretdbPort = parsePort('FERRETDB_PORT', env.FERRETDB_PORT, DEFAULTS.ferretdbPort);
  const ports = [kafkaPort, controllerPort, ferretdbPort];
  if (new Set(ports).size !== ports.length) {
    throw new InfraError(
      `ports must differ: KAFKA_PORT=${kafkaPort} KAFKA_CONTROLLER_PORT=${controllerPort} FERRETDB_PORT=${ferretdbPort}`,
    );
  }

  const toolsDir = path.resolve(ROOT, env.INFRA_TOOLS_DIR || '.tools');
  const localDir = path.resolve(ROOT, env.INFRA_LOCAL_DIR || '.local');
  const kafkaHome = path.join(toolsDir, `kafka-${kafkaVersion}`);
  const kafkaDir = path.join(localDir, 'kafka');
  const ferretDir = path.join(localDir, 'ferretdb');
  const host = '127.0.0.1'; // never "localhost": Node >= 17 tries ::1 first

  return {
    root: ROOT,
    host,
    toolsDir,
    localDir,
    logsDir: path.join(toolsDir, 'logs'),
    lockFile: path.join(localDir, 'infra.lock'),
    envFile: path.join(localDir, 'infra.env'),
    jsonFile: path.join(localDir, 'infra.json'),
    tools: {
      java: env.INFRA_JAVA || (env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java'),
      mvn: env.INFRA_MVN || 'mvn',
      go: env.INFRA_GO || 'go',
    },
    kafka: {
      version: kafkaVersion,
      port: kafkaPort,
      controllerPort,
      brokers: `${host}:${kafkaPort}`,
      pom: path.join(ROOT, 'tools', 'infra', 'kafka', 'pom.xml'),
      home: kafkaHome,
      libs: path.join(kafkaHome, 'libs'),
      marker: path.join(kafkaHome, '.installed.json'),
      dir: kafkaDir,
      dataDir: path.join(kafkaDir, 'data'),
      serverProperties: path.join(kafkaDir, 'server.properties'),
      log4jProperties: path.join(kafkaDir, 'log4j.properties'),
      clusterIdFile: path.join(kafkaDir, 'cluster-id'),
      log: path.join(kafkaDir, 'kafka.log'),
      pidFile: path.join(kafkaDir, 'kafka.pid'),
      jvmOpts: (env.INFRA_KAFKA_JVM_OPTS || '-Xms256m -Xmx768m -XX:+UseSerialGC')
        .split(/\s+/)
        .filter(Boolean),
      readyTimeoutMs: Number(env.INFRA_KAFKA_READY_TIMEOUT_MS) || 90_000,
      /** More partition dirs than this at start -> fresh storage (see KafkaService.pruneIfBloated). */
      maxPartitionDirs: Number(env.INFRA_KAFKA_MAX_PARTITION_DIRS) || 4_000,
    },
    ferretdb: {
      port: ferretdbPort,
      url: `mongodb://${host}:${ferretdbPort}`,
      srcDir: path.join(ROOT, 'tools', 'ferretdb'),
      bin: path.join(toolsDir, 'bin', 'ferretdb'),
      dir: ferretDir,
      dataDir: path.join(ferretDir, 'data'),
      log: path.join(ferretDir, 'ferretdb.log'),
      pidFile: path.join(ferretDir, 'ferretdb.pid'),
      logLevel: env.INFRA_FERRETDB_LOG_LEVEL || 'warn',
      /** Go pprof address for profiling the store (e.g. 127.0.0.1:6060); off unless set. */
      pprofAddr: env.INFRA_FERRETDB_PPROF_ADDR || '',
      readyTimeoutMs: Number(env.INFRA_FERRETDB_READY_TIMEOUT_MS) || 30_000,
    },
  };
}
