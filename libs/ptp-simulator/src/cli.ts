/* PTP simulator CLI: node -r @swc-node/register libs/ptp-simulator/src/cli.ts --help */
import { parseArgs } from 'node:util';
import { runCardSession, tokenAFromAdmin } from './card-session';
import { PtpSimulator } from './ptp-simulator';

const HELP = `ptp-simulator: a scripted Payment Terminal Provider speaking OCPI to a CPO

Usage:
  ptp-simulator run [options]       register, show the price, START_SESSION, follow the session,
                                    STOP_SESSION, confirm the payment, print the receipt URL
  ptp-simulator locations [options] register and list the CPO's locations

Registration (one of):
  --versions-url URL   the CPO's OCPI versions URL (default http://127.0.0.1:8080/ocpi/versions)
  --token-a TOKEN      CREDENTIALS_TOKEN_A handed over by the CPO
  --admin-token TOKEN  instead of --token-a: ask the gateway's admin API for a token A

Options:
  --version 2.3.0|2.2.1   OCPI version (default 2.3.0)
  --party DE*PTP          our country code * party id (default DE*PTP)
  --role OTHER|PTP        role in our credentials (default OTHER)
  --port N                port of our own OCPI endpoints (default 0 = any)
  --location ID --evse UID --connector ID   what the driver picks (default: first AVAILABLE)
  --stop-after SECONDS    send STOP_SESSION after this long (default 30); 0 = wait for the CPO to stop
  --timeout SECONDS       overall deadline (default 600)
  -h, --help
`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'versions-url': { type: 'string', default: 'http://127.0.0.1:8080/ocpi/versions' },
      'token-a': { type: 'string' },
      'admin-token': { type: 'string' },
      version: { type: 'string', default: '2.3.0' },
      party: { type: 'string', default: 'DE*PTP' },
      role: { type: 'string', default: 'OTHER' },
      port: { type: 'string', default: '0' },
      location: { type: 'string' },
      evse: { type: 'string' },
      connector: { type: 'string' },
      'stop-after': { type: 'string', default: '30' },
      timeout: { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || !['run', 'locations'].includes(command)) {
    process.stdout.write(HELP);
    return;
  }
  const [countryCode = 'DE', partyId = 'PTP'] = values.party.split('*');
  if (values.version !== '2.3.0' && values.version !== '2.2.1')
    throw new Error('--version must be 2.3.0 or 2.2.1');
  if (values.role !== 'OTHER' && values.role !== 'PTP') throw new Error('--role must be OTHER or PTP');
  const say = (line: string) => process.stdout.write(`[ptp] ${line}\n`);
  const ptp = new PtpSimulator({
    countryCode,
    partyId,
    role: values.role,
    version: values.version,
    port: Number(values.port),
    log: say,
  });
  await ptp.start();
  try {
    const tokenA =
      values['token-a'] ?? (await tokenAFromAdmin(values['versions-url'], values['admin-token']));
    await ptp.register(values['versions-url'], tokenA);
    const locations = await ptp.listLocations();
    for (const l of locations) {
      say(`location ${l.id} ${l.name ?? ''} (${l.city}, ${l.time_zone})`);
      for (const e of l.evses ?? [])
        say(
          `  EVSE ${e.uid} ${e.status} connectors ${e.connectors.map((c) => `${c.id}[${(c.tariff_ids ?? []).join(',')}]`).join(' ')}`,
        );
    }
    if (command === 'locations') return;
    await runCardSession(ptp, locations, values, say);
  } finally {
    await ptp.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`ptp-simulator: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
