// The two services: how to find, start, probe and stop our Kafka broker and our FerretDB.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import {
  cmdline,
  findProcesses,
  isAlive,
  probePort,
  readPidFile,
  removeFile,
  spawnDetached,
  writePidFile,
} from './proc.mjs';
import { InfraError, sleep, tailFile, withTimeout } from './util.mjs';

export const PROBE_TOPIC = '_infra-probe';

/** kafkajs / mongodb come from the workspace's node_modules; undefined when `npm ci` has not run yet. */
function optionalRequire(root, name) {
  try {
    return createRequire(path.join(root, 'package.json'))(name);
  } catch (e) {
    if (e.code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

function logOffset(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function appendLog(file, line) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `\n=== ${new Date().toISOString()} tapcharge infra: ${line} ===\n`);
}

/** Shared shape of a service: pid file bookkeeping, orphan discovery, liveness-aware readiness loop. */
class Service {
  constructor(cfg) {
    this.cfg = cfg;
  }

  /** { running, pid, ports, ... } of our instance; stale pid files are removed, lost processes re-adopted. */
  inspect() {
    const info = readPidFile(this.pidFile);
    if (info && isAlive(info.pid) && this.isOurs(cmdline(info.pid))) return { running: true, ...info };
    if (info) removeFile(this.pidFile); // stale: process gone or pid reused by something else
    const [pid] = findProcesses(this.needles);
    if (pid) {
      const adopted = { pid, ...this.portsFromArgv(cmdline(pid)), adopted: true, startedAt: undefined };
      writePidFile(this.pidFile, adopted);
      return { running: true, ...adopted };
    }
    return { running: false };
  }

  isOurs(argv) {
    return Boolean(argv) && this.needles.every((n) => argv.includes(n));
  }

  /** Poll `attempt` until it resolves, the process dies, or the deadline passes. */
  async pollReady(state, timeoutMs, attempt) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    for (;;) {
      if (!isAlive(state.pid)) {
        throw new InfraError(`${this.label} (pid ${state.pid}) exited during startup; log: ${this.log}`, {
          logTail: tailFile(this.log, { from: state.logOffset ?? 0 }),
        });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new InfraError(
          `${this.label} (pid ${state.pid}) not ready after ${Math.round(timeoutMs / 1000)} s` +
            `${lastError ? ` (last error: ${lastError.message})` : ''}; log: ${this.log}`,
          {
            logTail: tailFile(this.log, { from: state.logOffset ?? 0 }),
            hint: 'try `npm run infra:down` then `npm run infra:up`',
          },
        );
      }
      try {
        return await withTimeout(
          attempt(),
          Math.min(10_000, remaining + 1000),
          `${this.label} readiness probe`,
        );
      } catch (e) {
        lastError = e;
      }
      await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
    }
  }

  async waitForPort(port) {
    if ((await probePort(port, this.cfg.host)) !== 'in-use') throw new Error(`port ${port} not open yet`);
  }
}

export class KafkaService extends Service {
  constructor(cfg) {
    super(cfg);
    this.name = 'kafka';
    this.label = `Kafka ${cfg.kafka.version}`;
    this.pidFile = cfg.kafka.pidFile;
    this.log = cfg.kafka.log;
    this.needles = ['kafka.Kafka', cfg.kafka.serverProperties];
  }

  get ports() {
    return { port: this.cfg.kafka.port, controllerPort: this.cfg.kafka.controllerPort };
  }

  portsFromArgv() {
    try {
      const props = fs.readFileSync(this.cfg.kafka.serverProperties, 'utf8');
      return {
        port: Number(/PLAINTEXT:\/\/[^:,]+:(\d+)/.exec(props)?.[1]),
        controllerPort: Number(/CONTROLLER:\/\/[^:,]+:(\d+)/.exec(props)?.[1]),
      };
    } catch {
      return {};
    }
  }

  writeConfig() {
    const k = this.cfg.kafka;
    const h = this.cfg.host;
    fs.mkdirSync(k.dataDir, { recursive: true });
    fs.writeFileSync(
      k.serverProperties,
      [
        '# Written by tools/infra on every start; edit tools/infra/lib/services.mjs instead.',
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@${h}:${k.controllerPort}`,
        `listeners=PLAINTEXT://${h}:${k.port},CONTROLLER://${h}:${k.controllerPort}`,
        `advertised.listeners=PLAINTEXT://${h}:${k.port}`,
        'inter.broker.listener.name=PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${k.dataDir}`,
        'num.partitions=1',
        'default.replication.factor=1',
        'min.insync.replicas=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=1',
        'group.initial.rebalance.delay.ms=0',
        '# Topics are created on purpose (infra / ensureTopics), never by a stray producer or consumer.',
        'auto.create.topics.enable=false',
        'delete.topic.enable=true',
        'num.network.threads=2',
        'num.io.threads=2',
        'num.recovery.threads.per.data.dir=1',
        'log.segment.bytes=16777216',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      k.log4jProperties,
      [
        'log4j.rootLogger=WARN, stdout',
        'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
        'log4j.logger.kafka.server.KafkaRaftServer=INFO',
        '',
      ].join('\n'),
    );
  }

  javaArgs(mainArgs) {
    const k = this.cfg.kafka;
    return [
      ...k.jvmOpts,
      '-Djava.awt.headless=true',
      '-XX:+ExitOnOutOfMemoryError',
      `-Dlog4j.configuration=file:${k.log4jProperties}`,
      `-Dkafka.logs.dir=${k.dir}`,
      '-cp',
      `${k.libs}/*`,
      ...mainArgs,
    ];
  }

  /** Format the KRaft storage once (a fresh cluster id per data dir). */
  formatIfNeeded(log) {
    const k = this.cfg.kafka;
    if (fs.existsSync(path.join(k.dataDir, 'meta.properties'))) return false;
    const clusterId = crypto.randomBytes(16).toString('base64url');
    log.info(`kafka: formatting storage in ${k.dataDir} (cluster id ${clusterId})`);
    appendLog(k.log, `format storage, cluster id ${clusterId}`);
    const out = fs.openSync(k.log, 'a');
    try {
      const res = spawnSync(
        this.cfg.tools.java,
        this.javaArgs(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', k.serverProperties]).map(
          (a) => (a.startsWith('-Xms') ? '-Xms64m' : a),
        ),
        { stdio: ['ignore', out, out], timeout: 120_000 },
      );
      if (res.error || res.status !== 0) {
        throw new InfraError(
          `kafka storage format failed (${res.error ? res.error.message : `exit ${res.status}`}); log: ${k.log}`,
          {
            logTail: tailFile(k.log, { lines: 20 }),
          },
        );
      }
    } finally {
      fs.closeSync(out);
    }
    fs.writeFileSync(k.clusterIdFile, `${clusterId}\n`);
    return true;
  }

  /**
   * Every test run creates topics in a namespace of its own, so a long-lived local data dir grows to tens of
   * thousands of partitions, and a broker restart then spends minutes loading them (measured: 14,745 partition
   * dirs, not ready after 90 s). This broker is disposable test and dev infrastructure: past the threshold the
   * data dir is started afresh, with a line in the log saying so.
   */
  pruneIfBloated(log) {
    const k = this.cfg.kafka;
    if (!fs.existsSync(k.dataDir)) return false;
    const dirs = fs.readdirSync(k.dataDir).length;
    if (dirs <= k.maxPartitionDirs) return false;
    log.info(`kafka: ${dirs} partition dirs in ${k.dataDir} (> ${k.maxPartitionDirs}): starting from empty storage`);
    appendLog(k.log, `data dir had ${dirs} partition dirs (> ${k.maxPartitionDirs}): wiped for a fast start`);
    fs.rmSync(k.dataDir, { recursive: true, force: true });
    fs.rmSync(k.clusterIdFile, { force: true });
    return true;
  }

  async start(log) {
    const k = this.cfg.kafka;
    this.writeConfig();
    this.pruneIfBloated(log);
    this.formatIfNeeded(log);
    const offset = logOffset(k.log);
    appendLog(
      k.log,
      `start broker+controller on ${this.cfg.host}:${k.port} (controller ${k.controllerPort})`,
    );
    const pid = await spawnDetached(this.cfg.tools.java, this.javaArgs(['kafka.Kafka', k.serverProperties]), {
      cwd: k.dir,
      env: process.env,
      logFile: k.log,
    });
    const state = {
      pid,
      ...this.ports,
      version: k.version,
      startedAt: new Date().toISOString(),
      logOffset: offset,
    };
    writePidFile(this.pidFile, state);
    log.info(`kafka: started pid ${pid}, waiting for readiness (up to ${k.readyTimeoutMs / 1000} s)`);
    return { running: true, ...state };
  }

  /**
   * Ready = port open, then kafkajs can list topics, create the probe topic, reach the group coordinator and
   * produce to the probe topic with an idempotent producer.
   */
  async waitReady(state, log) {
    const { Kafka, logLevel, Partitioners } = optionalRequire(this.cfg.root, 'kafkajs') ?? {};
    if (!Kafka)
      log.warn(
        'kafkajs is not installed (run `npm ci`): only checking that the Kafka port accepts connections',
      );
    const brokers = [`${this.cfg.host}:${state.port}`];
    await this.pollReady(state, this.cfg.kafka.readyTimeoutMs, async () => {
      await this.waitForPort(state.port);
      if (!Kafka) return;
      const kafka = new Kafka({
        clientId: 'tapcharge-infra-probe',
        brokers,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 2000,
        requestTimeout: 5000,
        retry: { retries: 0 },
      });
      const admin = kafka.admin();
      const producer = kafka.producer({
        idempotent: true,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 2, initialRetryTime: 100 },
      });
      try {
        await admin.connect();
        await admin.listTopics();
        await admin.createTopics({
          topics: [{ topic: PROBE_TOPIC, numPartitions: 1, replicationFactor: 1 }],
          waitForLeaders: true,
          timeout: 5000,
        });
        // Touch the group coordinator so __consumer_offsets exists before the first real consumer joins,
        // and get a producer id so the first idempotent producer of a test does not meet "coordinator loading".
        await admin.fetchOffsets({ groupId: 'tapcharge-infra-probe', topics: [PROBE_TOPIC] });
        await producer.connect();
        await producer.send({ topic: PROBE_TOPIC, acks: -1, messages: [{ value: 'probe' }] });
      } finally {
        await producer.disconnect().catch(() => {});
        await admin.disconnect().catch(() => {});
      }
    });
  }

  /** Idempotently create topics (name or { topic, numPartitions }) on the running broker. */
  async createTopics(state, topics) {
    const { Kafka, logLevel } = optionalRequire(this.cfg.root, 'kafkajs') ?? {};
    if (!Kafka) throw new InfraError('kafkajs is not installed (run `npm ci`); cannot create topics');
    const admin = new Kafka({
      clientId: 'tapcharge-infra',
      brokers: [`${this.cfg.host}:${state.port}`],
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
      const existing = new Set(await admin.listTopics());
      const wanted = topics
        .map((t) => (typeof t === 'string' ? { topic: t } : t))
        .filter((t) => !existing.has(t.topic))
        .map((t) => ({ numPartitions: 1, replicationFactor: 1, ...t }));
      if (wanted.length)
        await withTimeout(
          admin.createTopics({ topics: wanted, waitForLeaders: true }),
          30_000,
          'kafka createTopics',
        );
      return wanted.map((t) => t.topic);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
}

export class FerretdbService extends Service {
  constructor(cfg) {
    super(cfg);
    this.name = 'ferretdb';
    const goMod = (() => {
      try {
        return fs.readFileSync(path.join(cfg.ferretdb.srcDir, 'go.mod'), 'utf8');
      } catch {
        return '';
      }
    })();
    this.version = /github\.com\/FerretDB\/FerretDB (v[\w.-]+)/.exec(goMod)?.[1] ?? '';
    this.label = `FerretDB ${this.version}`.trim();
    this.pidFile = cfg.ferretdb.pidFile;
    this.log = cfg.ferretdb.log;
    this.needles = ['-sqlite-dir', cfg.ferretdb.dataDir];
  }

  get ports() {
    return { port: this.cfg.ferretdb.port };
  }

  portsFromArgv(argv = []) {
    const addr = argv[argv.indexOf('-listen-addr') + 1] ?? '';
    return { port: Number(addr.split(':').pop()) || undefined };
  }

  async start(log) {
    const f = this.cfg.ferretdb;
    fs.mkdirSync(f.dataDir, { recursive: true });
    const offset = logOffset(f.log);
    appendLog(f.log, `start on ${this.cfg.host}:${f.port}`);
    const pid = await spawnDetached(
      f.bin,
      [
        ...['-listen-addr', `${this.cfg.host}:${f.port}`, '-sqlite-dir', f.dataDir, '-log-level', f.logLevel],
        ...(f.pprofAddr ? ['-pprof-addr', f.pprofAddr] : []),
      ],
      { cwd: f.dir, env: process.env, logFile: f.log },
    );
    const state = {
      pid,
      ...this.ports,
      version: this.version,
      startedAt: new Date().toISOString(),
      logOffset: offset,
    };
    writePidFile(this.pidFile, state);
    log.info(`ferretdb: started pid ${pid}, waiting for readiness (up to ${f.readyTimeoutMs / 1000} s)`);
    return { running: true, ...state };
  }

  /** Ready = port open, then the mongodb driver gets an answer to `ping`. */
  async waitReady(state, log) {
    const { MongoClient } = optionalRequire(this.cfg.root, 'mongodb') ?? {};
    if (!MongoClient)
      log.warn(
        'the mongodb driver is not installed (run `npm ci`): only checking that the FerretDB port accepts connections',
      );
    const url = `mongodb://${this.cfg.host}:${state.port}`;
    await this.pollReady(state, this.cfg.ferretdb.readyTimeoutMs, async () => {
      await this.waitForPort(state.port);
      if (!MongoClient) return;
      const client = new MongoClient(url, {
        serverSelectionTimeoutMS: 2000,
        connectTimeoutMS: 2000,
        directConnection: true,
      });
      try {
        await client.connect();
        await client.db('admin').command({ ping: 1 });
      } finally {
        await client.close().catch(() => {});
      }
    });
  }
}
