import { runBillingCli } from './billing-cli.app';

// `npm run -s billing -- reconcile --date 2026-11-24 [--format csv]` (root package.json script).
runBillingCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) },
  { env: process.env, fetch },
).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`billing: internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
