#!/usr/bin/env node
// Local Kafka (KRaft) + FerretDB for development and tests, without Docker. See tools/infra/README.md.
//   node tools/infra/cli.mjs install | up | down [--purge] | status [--json]
import { down, ensureUp, InfraError, install, status } from './lib/index.mjs';
import { getConfig } from './lib/config.mjs';
import { rel } from './lib/util.mjs';

const USAGE = `usage: node tools/infra/cli.mjs <command> [options]

commands:
  install          check Java/Maven/Go, fetch Kafka jars into .tools/kafka-<version>/libs, build .tools/bin/ferretdb
  up               install if needed, start Kafka + FerretDB on 127.0.0.1 (or reuse running ones), wait until ready
  down [--purge]   stop both (SIGTERM, then SIGKILL after 20 s); --purge also deletes .local/kafka and .local/ferretdb
  status [--json]  show what is installed and running (always exits 0)

options: --quiet (only slow-step progress, warnings and errors)
env: KAFKA_VERSION (3.9.1) KAFKA_PORT (19092) KAFKA_CONTROLLER_PORT (KAFKA_PORT+1) FERRETDB_PORT (27018)
     INFRA_JAVA INFRA_MVN INFRA_GO (tool paths) INFRA_KAFKA_JVM_OPTS INFRA_FERRETDB_LOG_LEVEL`;

async function main(argv) {
  const [command, ...rest] = argv;
  const flags = new Set(rest);
  const unknown = rest.filter((a) => !['--purge', '--json', '--quiet', '--force'].includes(a));
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (unknown.length) {
    console.error(`unknown option(s): ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const quiet = flags.has('--quiet');
  switch (command) {
    case 'install':
      await install({ quiet, force: flags.has('--force') });
      return 0;
    case 'up':
      await ensureUp({ quiet });
      return 0;
    case 'down':
      await down({ quiet, purge: flags.has('--purge') });
      return 0;
    case 'status': {
      const s = await status();
      if (flags.has('--json')) {
        console.log(JSON.stringify(s, null, 2));
        return 0;
      }
      const root = getConfig().root;
      for (const name of ['kafka', 'ferretdb']) {
        const x = s[name];
        const ports = `127.0.0.1:${x.port}${x.controllerPort ? ` (controller ${x.controllerPort})` : ''}`;
        const state = x.running
          ? `running  pid ${x.pid}  ${ports}${x.listening ? '' : '  (port not answering!)'}`
          : `stopped  ${ports}`;
        console.log(
          `${name.padEnd(9)} ${state}  [${x.label}, ${x.installed ? 'installed' : 'not installed'}, log ${rel(root, x.log)}]`,
        );
      }
      if (s.env) console.log(`env       KAFKA_BROKERS=${s.env.KAFKA_BROKERS} MONGO_URL=${s.env.MONGO_URL}`);
      return 0;
    }
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof InfraError) {
      console.error(`[infra] ERROR: ${err.message}`);
      if (err.logTail) console.error(`----- log tail -----\n${err.logTail}\n--------------------`);
      if (err.hint) console.error(`[infra] hint: ${err.hint}`);
    } else {
      console.error('[infra] unexpected error:', err);
    }
    process.exit(1);
  },
);
