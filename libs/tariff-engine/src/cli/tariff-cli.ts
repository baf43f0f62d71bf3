// Operator CLI: `npm run -s tariff -- price --tariff t.json --cdr c.json` (see USAGE in cli-app.ts).
// Output format is relied on by operators; change it only additively.
import { runCli } from './cli-app';

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
