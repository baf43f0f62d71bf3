// `install`: check the toolchains, fetch the Kafka jars from Maven Central, build our FerretDB launcher.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runToLog } from './proc.mjs';
import { InfraError, mtimeMs, readJson, rel, seconds, writeFileAtomic } from './util.mjs';

const MAVEN_DEP_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';
const HEARTBEAT_MS = 10_000;

const TOOL_SPECS = {
  java: {
    label: 'Java (JDK/JRE >= 17)',
    args: ['-version'],
    parse: (out) => {
      const m = /version "((\d+)(?:\.(\d+))?[^"]*)"/.exec(out);
      if (!m) return undefined;
      const major = m[2] === '1' ? Number(m[3]) : Number(m[2]);
      return { version: m[1], ok: major >= 17 };
    },
    hint: 'install a JDK 17+, e.g. `apt-get install -y openjdk-17-jre-headless`, or set JAVA_HOME / INFRA_JAVA',
  },
  mvn: {
    label: 'Maven (>= 3.6.3)',
    args: ['-v'],
    parse: (out) => {
      const m = /Apache Maven (\d+)\.(\d+)\.(\d+)/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
      if (!m) return undefined;
      const [a, b, c] = m.slice(1).map(Number);
      return { version: `${a}.${b}.${c}`, ok: a > 3 || (a === 3 && (b > 6 || (b === 6 && c >= 3))) };
    },
    hint: 'install Maven, e.g. `apt-get install -y maven`, or set INFRA_MVN=/path/to/mvn',
  },
  go: {
    label: 'Go (>= 1.24)',
    args: ['version'],
    parse: (out) => {
      const m = /go(\d+)\.(\d+)/.exec(out);
      if (!m) return undefined;
      const [a, b] = m.slice(1).map(Number);
      return { version: `${a}.${b}`, ok: a > 1 || b >= 24 };
    },
    hint:
      'install Go 1.24+ from https://go.dev/dl/ (distribution packages are often too old) and put it on PATH, ' +
      'or set INFRA_GO=/path/to/go',
  },
};

/** Check the given tools; returns { java: '17.0.15', ... } or throws one error naming every problem. */
export function checkTools(cfg, names) {
  const problems = [];
  const versions = {};
  for (const name of names) {
    const spec = TOOL_SPECS[name];
    const cmd = cfg.tools[name];
    const res = spawnSync(cmd, spec.args, { encoding: 'utf8', timeout: 30_000, env: process.env });
    if (res.error) {
      const why =
        res.error.code === 'ENOENT'
          ? 'not found'
          : res.error.code === 'ETIMEDOUT'
            ? 'did not answer'
            : res.error.message;
      problems.push(`- ${spec.label}: \`${cmd}\` ${why}. Fix: ${spec.hint}`);
      continue;
    }
    const parsed = spec.parse(`${res.stdout}\n${res.stderr}`);
    if (!parsed) {
      problems.push(
        `- ${spec.label}: could not read the version from \`${cmd} ${spec.args.join(' ')}\`. Fix: ${spec.hint}`,
      );
    } else if (!parsed.ok) {
      problems.push(`- ${spec.label}: \`${cmd}\` is version ${parsed.version}, too old. Fix: ${spec.hint}`);
    } else {
      versions[name] = parsed.version;
    }
  }
  if (problems.length) {
    throw new InfraError(`missing or unusable tools:\n${problems.join('\n')}`);
  }
  return versions;
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The jars a usable Kafka broker runtime must contain (for the configured version). */
function requiredJars(version) {
  return [
    `kafka_2.13-${version}.jar`,
    `kafka-clients-${version}.jar`,
    `kafka-server-${version}.jar`,
    'slf4j-reload4j-',
    'reload4j-',
    'scala-library-',
  ];
}

function missingJars(dir, version) {
  let files;
  try {
    files = fs.readdirSync(dir);
  } catch {
    return requiredJars(version);
  }
  return requiredJars(version).filter(
    (prefix) => !files.some((f) => f.startsWith(prefix) && f.endsWith('.jar')),
  );
}

/** Kafka jars are installed when the marker matches version + pom and every listed jar is there. */
export function kafkaInstalled(cfg) {
  const marker = readJson(cfg.kafka.marker);
  if (!marker || marker.version !== cfg.kafka.version || marker.pomSha256 !== sha256(cfg.kafka.pom))
    return false;
  if (!Array.isArray(marker.jars) || !marker.jars.every((j) => fs.existsSync(path.join(cfg.kafka.libs, j))))
    return false;
  return missingJars(cfg.kafka.libs, cfg.kafka.version).length === 0;
}

/** The launcher's sources: its Go files and module files. */
function ferretdbSources(srcDir) {
  return [...fs.readdirSync(srcDir).filter((f) => f.endsWith('.go')), 'go.mod', 'go.sum'];
}

/** The launcher is built when the binary exists and is newer than its sources. */
export function ferretdbBuilt(cfg) {
  const bin = mtimeMs(cfg.ferretdb.bin);
  if (bin === undefined) return false;
  return ferretdbSources(cfg.ferretdb.srcDir).every(
    (f) => (mtimeMs(path.join(cfg.ferretdb.srcDir, f)) ?? Infinity) < bin,
  );
}

async function installKafka(cfg, status) {
  const { version } = cfg.kafka;
  fs.mkdirSync(cfg.kafka.home, { recursive: true });
  fs.mkdirSync(cfg.logsDir, { recursive: true });
  const tmp = path.join(cfg.kafka.home, `libs.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const logFile = path.join(cfg.logsDir, `kafka-${version}-download.log`);
  let downloaded = 0;
  status.text = 'resolving';
  await runToLog(
    cfg.tools.mvn,
    [
      '-B',
      '-f',
      cfg.kafka.pom,
      MAVEN_DEP_PLUGIN,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`,
      `-Dkafka.version=${version}`,
    ],
    {
      cwd: cfg.root,
      env: process.env,
      logFile,
      timeoutMs: Number(process.env.INFRA_MAVEN_TIMEOUT_MS) || 20 * 60_000,
      what: `Kafka ${version} jar download (mvn)`,
      onLine: (line) => {
        if (/Downloaded from/.test(line)) status.text = `${++downloaded} files downloaded from Maven`;
        else if (/copy-dependencies/.test(line)) status.text = 'copying jars';
      },
    },
  );
  const missing = missingJars(tmp, version);
  if (missing.length) {
    throw new InfraError(
      `Kafka ${version} download finished but jars are missing: ${missing.join(', ')} (log: ${logFile})`,
    );
  }
  const jars = fs
    .readdirSync(tmp)
    .filter((f) => f.endsWith('.jar'))
    .sort();
  fs.rmSync(cfg.kafka.libs, { recursive: true, force: true });
  fs.renameSync(tmp, cfg.kafka.libs);
  const bytes = jars.reduce((n, j) => n + fs.statSync(path.join(cfg.kafka.libs, j)).size, 0);
  writeFileAtomic(
    cfg.kafka.marker,
    `${JSON.stringify({ version, pomSha256: sha256(cfg.kafka.pom), jars, bytes, installedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return { jars: jars.length, mb: Math.round(bytes / 1e6) };
}

async function buildFerretdb(cfg, status) {
  fs.mkdirSync(path.dirname(cfg.ferretdb.bin), { recursive: true });
  fs.mkdirSync(cfg.logsDir, { recursive: true });
  const tmp = `${cfg.ferretdb.bin}.tmp-${process.pid}`;
  const logFile = path.join(cfg.logsDir, 'ferretdb-build.log');
  let modules = 0;
  let lastDownload = 0;
  // go prints nothing while it compiles: call it "compiling" once module downloads have been quiet for 3 s.
  status.describe = () =>
    Date.now() - lastDownload < 3000
      ? `downloading Go modules (${modules} so far)`
      : `compiling${modules ? ` (${modules} modules downloaded)` : ''}`;
  try {
    await runToLog(cfg.tools.go, ['build', '-trimpath', '-o', tmp, '.'], {
      cwd: cfg.ferretdb.srcDir,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      logFile,
      timeoutMs: Number(process.env.INFRA_GO_TIMEOUT_MS) || 30 * 60_000,
      what: 'FerretDB launcher build (go build)',
      onLine: (line) => {
        if (/^go: downloading /.test(line)) {
          modules++;
          lastDownload = Date.now();
        }
      },
    });
    fs.renameSync(tmp, cfg.ferretdb.bin);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { mb: Math.round(fs.statSync(cfg.ferretdb.bin).size / 1e6), goModulesDownloaded: modules };
}

/**
 * Make sure the Kafka jars and the FerretDB launcher are in `.tools/`. Steps already done are skipped; the
 * two slow steps run in parallel with a heartbeat line every ~10 s. Returns what was done and how long it took.
 */
export async function install(cfg, log, { force = false } = {}) {
  const started = Date.now();
  const needKafka = force || !kafkaInstalled(cfg);
  const needFerret = force || !ferretdbBuilt(cfg);
  const tools = ['java'];
  if (needKafka) tools.push('mvn');
  if (needFerret) tools.push('go');
  const versions = checkTools(cfg, tools);

  const result = {
    kafka: { skipped: !needKafka },
    ferretdb: { skipped: !needFerret },
    toolVersions: versions,
  };
  if (!needKafka && !needFerret) {
    log.info(
      `install: Kafka ${cfg.kafka.version} jars and FerretDB launcher already in ${rel(cfg.root, cfg.toolsDir)}/`,
    );
    result.ms = Date.now() - started;
    return result;
  }

  const steps = [];
  const run = (name, description, fn) => {
    const status = { name, text: 'starting', done: false };
    const t0 = Date.now();
    log.progress(`install: ${description}...`);
    const p = fn(status).then(
      (info) => {
        status.done = true;
        const ms = Date.now() - t0;
        log.progress(`install: ${name} done in ${seconds(ms)} ${info ? JSON.stringify(info) : ''}`);
        return { ...info, ms };
      },
      (err) => {
        status.done = true;
        throw err;
      },
    );
    steps.push({ status, p });
    return p;
  };
  const heartbeat = setInterval(() => {
    const active = steps
      .filter((s) => !s.status.done)
      .map((s) => `${s.status.name}: ${s.status.describe ? s.status.describe() : s.status.text}`);
    if (active.length)
      log.progress(`install: ${Math.round((Date.now() - started) / 1000)} s elapsed - ${active.join('; ')}`);
  }, HEARTBEAT_MS);
  try {
    const jobs = [];
    if (needKafka) {
      const what = `Kafka ${cfg.kafka.version} jars`;
      jobs.push(
        run(what, `${what}: downloading from Maven Central into ${rel(cfg.root, cfg.kafka.libs)}`, (s) =>
          installKafka(cfg, s),
        ).then((r) => (result.kafka = r)),
      );
    }
    if (needFerret) {
      const what = 'FerretDB launcher';
      jobs.push(
        run(
          what,
          `${what}: go build of tools/ferretdb into ${rel(cfg.root, cfg.ferretdb.bin)} (minutes on a cold machine)`,
          (s) => buildFerretdb(cfg, s),
        ).then((r) => (result.ferretdb = r)),
      );
    }
    const settled = await Promise.allSettled(jobs);
    const failed = settled.filter((s) => s.status === 'rejected').map((s) => s.reason);
    if (failed.length === 1) throw failed[0];
    if (failed.length > 1) {
      throw new InfraError(failed.map((e) => e.message).join('\n'), {
        logTail: failed
          .map((e) => e.logTail)
          .filter(Boolean)
          .join('\n---\n'),
      });
    }
  } finally {
    clearInterval(heartbeat);
  }
  result.ms = Date.now() - started;
  log.progress(`install: finished in ${seconds(result.ms)}`);
  return result;
}
