// The FerretDB launcher's own Go tests (tools/ferretdb/*_test.go), run inside the README's test command:
// among them the check that FerretDB's lookups by _id use the index the launcher adds (idindex.go).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('tools/ferretdb launcher', () => {
  it('passes its Go tests (the _id lookup index among them)', async () => {
    const { stdout, stderr } = await run(process.env['INFRA_GO'] || 'go', ['test', '-count=1', './...'], {
      cwd: join(__dirname),
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`go test failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    });
    expect(`${stdout}${stderr}`).toMatch(/^ok\s/m);
  }, 10 * 60_000);
});
