#!/usr/bin/env node
// Deploy checks (called by `npm test` through tools/test/run-all.mjs): validates the Dockerfile, the
// docker-compose file and the Helm chart without a container engine or a cluster.
//
//   node tools/deploy/check.mjs            all checks; installs missing tools into .tools/ first
//   node tools/deploy/check.mjs --build    also compiles every app the way the image does (slow, ~1 min/app)
//   node tools/deploy/check.mjs --no-install   never install; checks whose tool is missing are SKIPPED
//
// Tools (reused on later runs): helm and kubeconform built with `go install` into .tools/bin, Kubernetes JSON
// schemas from PyPI `kubernetes-validate` (venv in .tools/pyvenv) rewritten into kubeconform's standalone
// layout under .tools/k8s-schemas, docker-compose from Debian (apt-get, root only). A check whose tool cannot
// be installed is SKIPPED with the reason; any FAIL makes the exit code 1. Node builtins only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const NO_INSTALL = args.has('--no-install');

const HELM_VERSION = 'v3.22.0';
const KUBECONFORM_VERSION = 'v0.7.0';
const KUBE_VERSION = '1.31.0';
const KUBERNETES_VALIDATE = 'kubernetes-validate==1.37.0';
const APPS = [
  'ocpi-gateway',
  'ocpp-gateway',
  'session-engine',
  'tariff-service',
  'billing-cdr-service',
  'receipt-service',
];

const TOOLS = join(root, '.tools');
const BIN = join(TOOLS, 'bin');
const LOCAL = join(root, '.local');
const CHART = join(root, 'deploy/helm/tapcharge');
const VALUES = {
  minimal: join(CHART, 'ci/minimal-values.yaml'),
  full: join(CHART, 'ci/full-values.yaml'),
};
const PY = join(TOOLS, 'pyvenv/bin/python');
const SCHEMAS = join(TOOLS, 'k8s-schemas');

const started = Date.now();
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[deploy ${secs(started)}] ${msg}`);
const results = [];

function sh(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...opts.env },
    input: opts.input,
  });
  return {
    code: r.error ? 127 : (r.status ?? 1),
    out: r.stdout ?? '',
    err: (r.stderr ?? '') + (r.error ? r.error.message : ''),
  };
}
const has = (cmd) => sh('sh', ['-c', `command -v ${cmd}`]).code === 0;
const tail = (text, n = 25) => text.trim().split('\n').slice(-n).join('\n');

/** Runs one check: fn returns nothing (PASS), throws (FAIL) or returns { skipped: reason }. */
function check(name, fn) {
  const t0 = Date.now();
  let status = 'PASS';
  let detail = '';
  try {
    const r = fn();
    if (r && r.skipped) {
      status = 'SKIPPED';
      detail = r.skipped;
    } else if (r && r.note) {
      detail = r.note;
    }
  } catch (err) {
    status = 'FAIL';
    detail = err.message;
  }
  results.push({ name, status });
  console.log(
    `${status.padEnd(7)} ${name} (${secs(t0)})${detail ? `\n        ${detail.split('\n').join('\n        ')}` : ''}`,
  );
}

// ---------------------------------------------------------------- tool installation

function goInstall(binary, pkg, version) {
  const path = join(BIN, binary);
  if (existsSync(path)) return { path };
  if (NO_INSTALL) return { reason: `${binary} not in .tools/bin (--no-install)` };
  if (!has('go')) return { reason: `${binary}: no Go toolchain to build it (go install ${pkg}@${version})` };
  say(`building ${binary} ${version} with go install (first run only; helm takes minutes)`);
  const t0 = Date.now();
  mkdirSync(BIN, { recursive: true });
  const r = sh('go', ['install', `${pkg}@${version}`], { env: { GOBIN: BIN, GOFLAGS: '-buildvcs=false' } });
  if (r.code !== 0 || !existsSync(path))
    return { reason: `go install ${pkg}@${version} failed:\n${tail(r.err, 10)}` };
  say(`built ${binary} in ${secs(t0)}`);
  return { path };
}

function ensurePyvenv() {
  if (existsSync(PY) && sh(PY, ['-c', 'import kubernetes_validate, yaml']).code === 0) return {};
  if (NO_INSTALL) return { reason: 'Python venv .tools/pyvenv missing (--no-install)' };
  if (!has('python3'))
    return { reason: 'python3 not found (needed for the offline Kubernetes schemas and YAML parsing)' };
  say(`installing ${KUBERNETES_VALIDATE} into .tools/pyvenv (offline Kubernetes schemas)`);
  const t0 = Date.now();
  if (!existsSync(PY)) {
    const v = sh('python3', ['-m', 'venv', join(TOOLS, 'pyvenv')]);
    if (v.code !== 0) return { reason: `python3 -m venv failed:\n${tail(v.err, 5)}` };
  }
  const p = sh(PY, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', KUBERNETES_VALIDATE]);
  if (p.code !== 0) return { reason: `pip install ${KUBERNETES_VALIDATE} failed:\n${tail(p.err, 5)}` };
  say(`installed in ${secs(t0)}`);
  return {};
}

/**
 * kubernetes-validate ships per-version schemas whose $refs point into one shared _definitions.json.
 * kubeconform wants one self-contained file per kind: inline every definition a kind reaches.
 */
function ensureStandaloneSchemas() {
  const dir = join(SCHEMAS, `v${KUBE_VERSION}-standalone-strict`);
  if (existsSync(join(dir, '.complete'))) return { dir };
  const located = sh(PY, [
    '-c',
    'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))',
  ]);
  if (located.code !== 0) return { reason: 'kubernetes_validate not importable' };
  const src = join(located.out.trim(), 'kubernetes-json-schema', `v${KUBE_VERSION}-local-strict`);
  if (!existsSync(src)) return { reason: `kubernetes-validate has no schemas for ${KUBE_VERSION}` };
  const defs = JSON.parse(readFileSync(join(src, '_definitions.json'), 'utf8')).$defs;
  const REF = /^(?:\/api\/_definitions\.json)?#\/\$defs\/(.+)$/;
  const rewrite = (node, reached) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, reached));
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$id') continue;
      if (k === '$ref' && typeof v === 'string') {
        const m = REF.exec(v);
        if (!m) throw new Error(`unexpected $ref ${v}`);
        reached.add(m[1]);
        out.$ref = `#/$defs/${m[1]}`;
      } else {
        out[k] = rewrite(v, reached);
      }
    }
    return out;
  };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  for (const file of readdirSync(src)) {
    if (!file.endsWith('.json') || file.startsWith('_') || file === 'all.json') continue;
    const reached = new Set();
    const schema = rewrite(JSON.parse(readFileSync(join(src, file), 'utf8')), reached);
    const inlined = {};
    const queue = [...reached];
    while (queue.length) {
      const name = queue.pop();
      if (inlined[name]) continue;
      const more = new Set();
      inlined[name] = rewrite(defs[name] ?? {}, more);
      for (const n of more) if (!inlined[n]) queue.push(n);
    }
    if (Object.keys(inlined).length) schema.$defs = inlined;
    writeFileSync(join(tmp, file), JSON.stringify(schema));
    files += 1;
  }
  writeFileSync(join(tmp, '.complete'), `${files} schemas from ${src}\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(SCHEMAS, { recursive: true });
  renameSync(tmp, dir);
  say(`wrote ${files} standalone schemas for Kubernetes ${KUBE_VERSION}`);
  return { dir };
}

function ensureCompose() {
  if (has('docker-compose')) return { cmd: ['docker-compose'] };
  if (has('docker') && sh('docker', ['compose', 'version']).code === 0) return { cmd: ['docker', 'compose'] };
  if (NO_INSTALL) return { reason: 'docker-compose not installed (--no-install)' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return { reason: 'docker-compose not installed and not root (install: apt-get install docker-compose)' };
  if (!has('apt-get')) return { reason: 'docker-compose not installed and no apt-get' };
  say('installing docker-compose with apt-get (first run only)');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  let r = sh('apt-get', ['install', '-y', '-qq', 'docker-compose'], { env });
  if (r.code !== 0) {
    sh('apt-get', ['update', '-qq'], { env });
    r = sh('apt-get', ['install', '-y', '-qq', 'docker-compose'], { env });
  }
  if (r.code !== 0 || !has('docker-compose'))
    return { reason: `apt-get install docker-compose failed:\n${tail(r.err, 5)}` };
  return { cmd: ['docker-compose'] };
}

// ---------------------------------------------------------------- helpers

/** YAML (multi-document) -> JS objects, through PyYAML in the venv (Node has no YAML parser built in). */
function parseYaml(text) {
  const code =
    'import sys, json, yaml\n' +
    'class L(yaml.SafeLoader): pass\n' +
    'def m(loader, node, deep=False):\n' +
    '    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]\n' +
    '    dup = sorted({str(k) for k in keys if keys.count(k) > 1})\n' +
    '    if dup: raise SystemExit("duplicate keys %s at %s" % (dup, node.start_mark))\n' +
    '    return loader.construct_mapping(node, deep)\n' +
    'L.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, m)\n' +
    'print(json.dumps([d for d in yaml.load_all(sys.stdin, Loader=L) if d is not None]))\n';
  const r = sh(PY, ['-c', code], { input: text });
  if (r.code !== 0) throw new Error(`YAML parse failed: ${tail(r.err || r.out, 5)}`);
  return JSON.parse(r.out);
}

function assertAll(problems, what) {
  if (problems.length)
    throw new Error(`${problems.length} problem(s) in ${what}:\n- ${problems.join('\n- ')}`);
}

// ---------------------------------------------------------------- checks

function checkDockerfile() {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  // Join continuation lines, drop comments and blanks.
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const KNOWN = new Set([
    'FROM',
    'ARG',
    'ENV',
    'WORKDIR',
    'COPY',
    'ADD',
    'RUN',
    'USER',
    'CMD',
    'ENTRYPOINT',
    'HEALTHCHECK',
    'LABEL',
    'EXPOSE',
    'VOLUME',
    'STOPSIGNAL',
    'SHELL',
    'ONBUILD',
  ]);
  const problems = [];
  const stages = [];
  for (const line of lines) {
    const [word] = line.split(/\s+/);
    const instr = word.toUpperCase();
    if (!KNOWN.has(instr)) problems.push(`unknown instruction: ${line.slice(0, 60)}`);
    if (instr === 'FROM') {
      const m = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
      if (!m) problems.push(`bad FROM: ${line}`);
      else stages.push({ image: m[1], name: m[2], lines: [] });
    } else if (!stages.length && instr !== 'ARG') problems.push(`${instr} before the first FROM`);
    else if (stages.length) stages.at(-1).lines.push(line);
    if (['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instr)) {
      const json = /\[.*\]\s*$/.exec(line);
      if (json) {
        try {
          JSON.parse(json[0]);
        } catch {
          problems.push(`${instr} exec form is not valid JSON: ${line}`);
        }
      }
    }
  }
  const names = new Set(stages.map((s) => s.name).filter(Boolean));
  const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const s of stages) {
    let copiedVendor = false;
    for (const l of s.lines) {
      const from = /--from=(\S+)/.exec(l);
      if (/^COPY/i.test(l) && from && !names.has(from[1]))
        problems.push(`COPY --from=${from[1]}: no such stage`);
      if (/^COPY/i.test(l) && !from) {
        const parts = l
          .split(/\s+/)
          .slice(1)
          .filter((p) => !p.startsWith('--'));
        for (const srcPath of parts.slice(0, -1)) {
          if (!existsSync(join(root, srcPath)))
            problems.push(`COPY source ${srcPath} does not exist in the repo`);
          const top = srcPath.replace(/\/$/, '');
          if (dockerignore.some((p) => p === top || p === `${top}/`))
            problems.push(`COPY source ${srcPath} is excluded by .dockerignore`);
        }
        if (/vendor\//.test(l)) copiedVendor = true;
      }
      if (/^RUN .*npm ci/i.test(l) && !copiedVendor && !names.has(s.image))
        problems.push(
          `stage ${s.name ?? s.image}: npm ci before COPY vendor/ (the voltlog-io override is a file: dependency)`,
        );
    }
  }
  const final = stages.at(-1);
  if (!final) problems.push('no FROM');
  else {
    if (!/^(\$\{NODE_IMAGE\}|node:20-bookworm-slim)$/.test(final.image))
      problems.push(`final stage is ${final.image}, expected node:20-bookworm-slim`);
    const arg = lines.find((l) => /^ARG NODE_IMAGE=/.test(l));
    if (final.image === '${NODE_IMAGE}' && !/=node:20-bookworm-slim$/.test(arg ?? ''))
      problems.push('NODE_IMAGE default is not node:20-bookworm-slim');
    const user = final.lines.filter((l) => /^USER /i.test(l)).at(-1);
    if (!user) problems.push('final stage has no USER (would run as root)');
    else if (/^USER\s+(root|0)(:|$)/i.test(user)) problems.push(`final stage runs as root: ${user}`);
    else if (!/^USER\s+\d+(:\d+)?$/.test(user))
      problems.push(`final stage USER should be numeric (Kubernetes runAsNonRoot): ${user}`);
    if (!final.lines.some((l) => /^HEALTHCHECK /i.test(l))) problems.push('final stage has no HEALTHCHECK');
    if (!final.lines.some((l) => /^CMD /i.test(l))) problems.push('final stage has no CMD');
    if (!final.lines.some((l) => /^ARG APP$/.test(l))) problems.push('final stage does not declare ARG APP');
    if (final.lines.some((l) => /swc|typescript/.test(l) && /^RUN/.test(l)))
      problems.push('final stage installs a TypeScript toolchain');
  }
  const build = stages.find((s) => s.name === 'build');
  if (!build || !build.lines.some((l) => /^ARG APP$/.test(l))) problems.push('no `build` stage with ARG APP');
  // Every app the Dockerfile can build must have an entry point.
  for (const app of APPS)
    if (!existsSync(join(root, 'apps', app, 'src/main.ts')))
      problems.push(`APP=${app}: apps/${app}/src/main.ts does not exist, the image cannot be built`);
  // The HEALTHCHECK script knows every app's port variable.
  const hc = readFileSync(join(root, 'tools/deploy/docker/healthcheck.js'), 'utf8');
  for (const app of APPS) if (!hc.includes(`'${app}'`)) problems.push(`healthcheck.js does not know ${app}`);
  assertAll(problems, 'Dockerfile');
  return {
    note: `${stages.length} stages (${[...names].join(', ')}); no engine here, so this is a structural check, not a build`,
  };
}

function checkComposeConfig(compose) {
  if (compose.reason) return { skipped: compose.reason };
  const [cmd, ...pre] = compose.cmd;
  const r = sh(cmd, [...pre, '-f', 'docker-compose.yml', 'config', '-q'], {
    env: { TAPCHARGE_ADMIN_TOKEN: '' },
  });
  if (r.code !== 0)
    throw new Error(`${compose.cmd.join(' ')} config -q exit ${r.code}:\n${tail(r.err || r.out)}`);
  const p = sh(cmd, [...pre, '-f', 'docker-compose.yml', '--profile', 'simulators', 'config', '-q']);
  if (p.code !== 0)
    throw new Error(`config -q with --profile simulators exit ${p.code}:\n${tail(p.err || p.out)}`);
  return { note: `${compose.cmd.join(' ')} config -q (default and simulators profile)` };
}

function checkComposeStructure(compose, py) {
  if (compose.reason) return { skipped: compose.reason };
  if (py.reason) return { skipped: py.reason };
  const [cmd, ...pre] = compose.cmd;
  const r = sh(cmd, [...pre, '-f', 'docker-compose.yml', '--profile', 'simulators', 'config']);
  if (r.code !== 0) throw new Error(tail(r.err));
  const [doc] = parseYaml(r.out);
  const services = doc.services ?? {};
  const problems = [];
  const dependsOn = (s) =>
    Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, {}])) : (s.depends_on ?? {});
  for (const infra of ['kafka', 'mongodb']) {
    if (!services[infra]) problems.push(`no ${infra} service`);
    else if (!services[infra].healthcheck) problems.push(`${infra} has no healthcheck`);
  }
  const kafkaEnv = services.kafka?.environment ?? {};
  if (String(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE) !== 'false')
    problems.push('kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false');
  if (!/3\.9\./.test(services.kafka?.image ?? ''))
    problems.push('kafka image should be 3.9.x (kafkajs 2.2.4 is untested on 4.x)');
  for (const app of APPS) {
    const s = services[app];
    if (!s) {
      problems.push(`no service ${app}`);
      continue;
    }
    if (s.build?.args?.APP !== app) problems.push(`${app}: build.args.APP is ${s.build?.args?.APP}`);
    if (s.build?.target && s.build.target !== 'runtime')
      problems.push(`${app}: build target ${s.build.target}`);
    if (!s.healthcheck || s.healthcheck.disable) problems.push(`${app}: no healthcheck`);
    const deps = dependsOn(s);
    for (const infra of ['kafka', 'mongodb'])
      if (deps[infra]?.condition !== 'service_healthy')
        problems.push(`${app}: depends_on ${infra} is not condition: service_healthy`);
    if (s.environment?.NODE_ENV !== 'production') problems.push(`${app}: NODE_ENV is not production`);
    if (!s.environment?.ADMIN_TOKEN || String(s.environment.ADMIN_TOKEN).length < 16)
      problems.push(`${app}: ADMIN_TOKEN missing or shorter than 16`);
    if (s.profiles?.length) problems.push(`${app}: must not be behind a profile`);
  }
  for (const sim of ['station-simulator', 'ptp-simulator']) {
    const s = services[sim];
    if (!s) problems.push(`no service ${sim}`);
    else if (!(s.profiles ?? []).includes('simulators')) problems.push(`${sim}: not in profile simulators`);
  }
  assertAll(problems, 'docker-compose.yml');
  return { note: `${Object.keys(services).length} services` };
}

function helmArgs(kind, values) {
  return values ? [kind, ...(kind === 'template' ? ['tapcharge'] : []), CHART, '-f', values] : [kind, CHART];
}

function checkHelmLint(helm) {
  if (helm.reason) return { skipped: helm.reason };
  for (const [name, file] of Object.entries(VALUES)) {
    const r = sh(helm.path, [...helmArgs('lint', file), '--strict', '--kube-version', KUBE_VERSION]);
    if (r.code !== 0)
      throw new Error(`helm lint --strict (${name} values) exit ${r.code}:\n${tail(r.out + r.err)}`);
  }
  return { note: `--strict with ci/${Object.keys(VALUES).join('-values.yaml and ci/')}-values.yaml` };
}

function checkHelmTemplate(helm) {
  if (helm.reason) return { skipped: helm.reason };
  mkdirSync(LOCAL, { recursive: true });
  const out = {};
  for (const [name, file] of Object.entries(VALUES)) {
    const r = sh(helm.path, [
      ...helmArgs('template', file),
      '--namespace',
      'tapcharge',
      '--kube-version',
      KUBE_VERSION,
    ]);
    if (r.code !== 0) throw new Error(`helm template (${name} values) exit ${r.code}:\n${tail(r.err)}`);
    const target = join(LOCAL, name === 'minimal' ? 'helm-rendered.yaml' : `helm-rendered-${name}.yaml`);
    writeFileSync(target, r.out);
    out[name] = target;
  }
  // No defaults for secrets: rendering with the chart's own values must stop with a clear message.
  const bare = sh(helm.path, ['template', 'tapcharge', CHART, '--kube-version', KUBE_VERSION]);
  if (bare.code === 0 || !/secrets have no defaults/.test(bare.err))
    throw new Error(
      `rendering without adminToken/mongodb should fail with "secrets have no defaults"; got exit ${bare.code}: ${tail(bare.err, 3)}`,
    );
  // values.schema.json rejects an impossible port.
  const badPort = sh(helm.path, [
    ...helmArgs('template', VALUES.minimal),
    '--kube-version',
    KUBE_VERSION,
    '--set-json',
    'apps.ocpi-gateway.ports=[{"name":"http","port":70000,"env":"OCPI_PORT"}]',
  ]);
  if (badPort.code === 0) throw new Error('values.schema.json accepted port 70000');
  helm.rendered = out;
  return {
    note: Object.values(out)
      .map((f) => relative(root, f))
      .join(', '),
  };
}

function checkSchemas(helm, kubeconform, py) {
  if (helm.reason || !helm.rendered) return { skipped: helm.reason ?? 'nothing rendered' };
  if (py.reason) return { skipped: py.reason };
  const files = Object.values(helm.rendered);
  if (!kubeconform.reason) {
    const schemas = ensureStandaloneSchemas();
    if (!schemas.reason) {
      const location = join(
        SCHEMAS,
        '{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json',
      );
      const r = sh(kubeconform.path, [
        '-strict',
        '-summary',
        '-kubernetes-version',
        KUBE_VERSION,
        '-schema-location',
        location,
        ...files,
      ]);
      if (r.code !== 0) throw new Error(`kubeconform exit ${r.code}:\n${tail(r.out + r.err)}`);
      return {
        note: `kubeconform ${KUBECONFORM_VERSION} -strict, Kubernetes ${KUBE_VERSION} (offline): ${tail(r.out, 1)}`,
      };
    }
  }
  // Fallback: kubernetes-validate's own CLI (same schemas).
  const kv = join(TOOLS, 'pyvenv/bin/kubernetes-validate');
  const r = sh(kv, ['--strict', '--quiet', '-k', KUBE_VERSION, ...files]);
  if (r.code !== 0) throw new Error(`kubernetes-validate exit ${r.code}:\n${tail(r.out + r.err)}`);
  return {
    note: `kubernetes-validate --strict -k ${KUBE_VERSION} (kubeconform unavailable: ${kubeconform.reason})`,
  };
}

/** Our own rules on the rendered manifests, beyond what the API schemas say. */
function checkManifestRules(helm, py, which) {
  if (helm.reason || !helm.rendered) return { skipped: helm.reason ?? 'nothing rendered' };
  if (py.reason) return { skipped: py.reason };
  const docs = parseYaml(readFileSync(helm.rendered[which], 'utf8'));
  const values = parseYaml(readFileSync(VALUES[which], 'utf8'))[0] ?? {};
  const byKind = (k) => docs.filter((d) => d.kind === k);
  const problems = [];
  const deployments = byKind('Deployment');
  const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
  for (const app of APPS) {
    const d = deployments.find((x) => x.spec.template.metadata.labels['app.kubernetes.io/name'] === app);
    if (!d) {
      problems.push(`no Deployment for ${app}`);
      continue;
    }
    const pod = d.spec.template.spec;
    const podLabels = d.spec.template.metadata.labels;
    if (!matches(d.spec.selector.matchLabels, podLabels))
      problems.push(`${app}: selector does not match pod labels`);
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${app}: pod runAsNonRoot is not true`);
    if (!(pod.securityContext?.runAsUser > 0)) problems.push(`${app}: pod runAsUser is not a non-zero uid`);
    for (const c of pod.containers) {
      const where = `${app}/${c.name}`;
      const ports = c.ports ?? [];
      const declared = (p) => ports.some((x) => x.name === p || x.containerPort === p);
      for (const [probe, path] of [
        ['livenessProbe', '/health'],
        ['readinessProbe', '/ready'],
      ]) {
        const g = c[probe]?.httpGet;
        if (!g) problems.push(`${where}: no ${probe}`);
        else {
          if (g.path !== path) problems.push(`${where}: ${probe} path ${g.path}, expected ${path}`);
          if (!declared(g.port))
            problems.push(`${where}: ${probe} port ${g.port} is not a declared containerPort`);
        }
      }
      if (c.startupProbe?.httpGet && !declared(c.startupProbe.httpGet.port))
        problems.push(`${where}: startupProbe port not declared`);
      const sc = c.securityContext ?? {};
      if (sc.runAsUser === 0) problems.push(`${where}: runAsUser 0`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation is not false`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory)
        problems.push(`${where}: no cpu/memory requests`);
      if (!c.resources?.limits?.memory) problems.push(`${where}: no memory limit`);
      // The env variable that sets each port carries the same number as the containerPort.
      const env = Object.fromEntries((c.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
      const appPorts = values.apps?.[app]?.ports ?? null;
      for (const p of ports) {
        const spec = (appPorts ?? []).find((x) => x.name === p.name);
        const envName =
          spec?.env ??
          {
            'ocpi-gateway': 'OCPI_PORT',
            'session-engine': 'HEALTH_PORT',
            'tariff-service': 'TARIFF_PORT',
            'billing-cdr-service': 'BILLING_PORT',
            'receipt-service': 'RECEIPT_PORT',
          }[app] ??
          (p.name === 'ocpp' ? 'OCPP_PORT' : 'HTTP_PORT');
        if (env[envName] !== String(p.containerPort))
          problems.push(
            `${where}: ${envName}=${env[envName]} but containerPort ${p.name} is ${p.containerPort}`,
          );
      }
      const envNames = (c.env ?? []).map((e) => e.name);
      for (const n of envNames.filter((n, i) => envNames.indexOf(n) !== i))
        problems.push(`${where}: env ${n} set twice`);
      for (const must of ['ADMIN_TOKEN', 'MONGO_URL']) {
        const e = (c.env ?? []).find((x) => x.name === must);
        if (!e?.valueFrom?.secretKeyRef) problems.push(`${where}: ${must} does not come from a Secret`);
      }
      if (app === 'ocpp-gateway') {
        const id = (c.env ?? []).find((x) => x.name === 'INSTANCE_ID');
        if (id?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name')
          problems.push(`${where}: INSTANCE_ID is not the pod name`);
      }
    }
    // Services point at declared ports of this app's pods.
    const services = byKind('Service').filter((s) => matches(s.spec.selector, podLabels));
    if (!services.length) problems.push(`${app}: no Service`);
    for (const s of services)
      for (const p of s.spec.ports)
        if (
          !pod.containers.some((c) =>
            (c.ports ?? []).some((x) => x.name === p.targetPort || x.containerPort === p.targetPort),
          )
        )
          problems.push(
            `Service ${s.metadata.name}: targetPort ${p.targetPort} is not a containerPort of ${app}`,
          );
    if (app === 'ocpp-gateway') {
      const ws = services.find((s) => s.spec.ports.some((p) => p.targetPort === 'ocpp'));
      if (ws?.spec.sessionAffinity !== 'ClientIP')
        problems.push('ocpp-gateway: the OCPP Service has no ClientIP session affinity');
      if (ws?.spec.ports.some((p) => p.targetPort === 'http'))
        problems.push('ocpp-gateway: the charger-facing Service also exposes the admin port');
    }
    // Autoscaling and disruption budget: present exactly when enabled in values.
    const hpaWanted =
      (values.apps?.[app]?.autoscaling?.enabled ?? values.defaults?.autoscaling?.enabled) !== false;
    const pdbWanted = (values.apps?.[app]?.pdb?.enabled ?? values.defaults?.pdb?.enabled) !== false;
    const hpa = byKind('HorizontalPodAutoscaler').find(
      (h) => h.spec.scaleTargetRef.name === d.metadata.name && h.spec.scaleTargetRef.kind === 'Deployment',
    );
    if (hpaWanted && !hpa) problems.push(`${app}: no HPA`);
    if (!hpaWanted && hpa) problems.push(`${app}: HPA although autoscaling is disabled`);
    if (hpa && 'replicas' in d.spec)
      problems.push(`${app}: Deployment sets replicas although an HPA owns them`);
    if (!hpaWanted && !('replicas' in d.spec)) problems.push(`${app}: no replicas and no HPA`);
    if (hpa && hpa.spec.minReplicas > hpa.spec.maxReplicas)
      problems.push(`${app}: HPA minReplicas > maxReplicas`);
    const pdb = byKind('PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, podLabels));
    if (pdbWanted && !pdb) problems.push(`${app}: no PodDisruptionBudget`);
  }
  for (const ing of byKind('Ingress'))
    for (const rule of ing.spec.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const svc = byKind('Service').find((s) => s.metadata.name === p.backend.service.name);
        if (!svc) problems.push(`Ingress ${ing.metadata.name}: no Service ${p.backend.service.name}`);
        else if (
          !svc.spec.ports.some(
            (x) => x.name === p.backend.service.port.name || x.port === p.backend.service.port.number,
          )
        )
          problems.push(
            `Ingress ${ing.metadata.name}: Service ${svc.metadata.name} has no port ${JSON.stringify(p.backend.service.port)}`,
          );
      }
  assertAll(problems, `${which} render`);
  const kinds = {};
  for (const d of docs) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
  return {
    note: Object.entries(kinds)
      .map(([k, n]) => `${n} ${k}`)
      .join(', '),
  };
}

function checkBuild() {
  const problems = [];
  for (const app of APPS) {
    if (!existsSync(join(root, 'apps', app, 'src/main.ts'))) {
      problems.push(`${app}: no src/main.ts`);
      continue;
    }
    say(`compiling ${app} the way the image does (tools/deploy/docker/build-app.mjs)`);
    const r = sh(process.execPath, ['tools/deploy/docker/build-app.mjs', app, `.local/deploy-build/${app}`]);
    if (r.code !== 0) problems.push(`${app}: ${tail(r.out + r.err, 8)}`);
  }
  assertAll(problems, 'image builds');
}

// ---------------------------------------------------------------- main

say(`deploy checks (Kubernetes ${KUBE_VERSION}; tools in .tools/)`);
const helm = goInstall('helm', 'helm.sh/helm/v3/cmd/helm', HELM_VERSION);
const kubeconform = goInstall(
  'kubeconform',
  'github.com/yannh/kubeconform/cmd/kubeconform',
  KUBECONFORM_VERSION,
);
const py = ensurePyvenv();
const compose = ensureCompose();
say('tools ready; running checks');

check('Dockerfile structure', checkDockerfile);
check('docker-compose config', () => checkComposeConfig(compose));
check('docker-compose structure', () => checkComposeStructure(compose, py));
check('helm lint', () => checkHelmLint(helm));
check('helm template', () => checkHelmTemplate(helm));
check('kubernetes schemas (strict)', () => checkSchemas(helm, kubeconform, py));
check('manifest rules (minimal values)', () => checkManifestRules(helm, py, 'minimal'));
check('manifest rules (full values)', () => checkManifestRules(helm, py, 'full'));
if (args.has('--build')) check('image build step: tsc for every app', checkBuild);

const count = (s) => results.filter((r) => r.status === s).length;
const failed = count('FAIL');
console.log(
  `\ndeploy checks: ${count('PASS')} passed, ${failed} failed, ${count('SKIPPED')} skipped (${secs(started)})`,
);
process.exitCode = failed ? 1 : 0;
