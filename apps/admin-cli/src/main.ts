// Operator CLI (issue I): `npm run -s admin -- <command>`; `--help` lists the commands.
import { readFileSync } from 'node:fs';
import { runCli } from './cli/run-cli';
import { COMMANDS } from './commands';

runCli(process.argv.slice(2), {
  commands: COMMANDS,
  env: process.env,
  io: {
    readFile: (path) => readFileSync(path, 'utf8'),
  },
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`admin: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
