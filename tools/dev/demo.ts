// `npm run demo`: plays the seed's sequence against the system `npm run up` started, printing each step:
// register PTP, list locations, show price, START_SESSION, charging progress, stop at the paid limit, final
// session, CDR, payment confirmation, invoice, receipt URL. Options: --evse UID, --stop-after SECONDS.
import { parseArgs } from 'node:util';
import { PtpSimulator, runCardSession, tokenAFromAdmin } from '@tapcharge/ptp-simulator';

const VERSIONS_URL = process.env['OCPI_VERSIONS_URL'] ?? 'http://127.0.0.1:8080/ocpi/versions';
const ADMIN_TOKEN = process.env['ADMIN_TOKEN'] ?? 'dev-admin-token-change-me';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      evse: { type: 'string', default: process.env['DEMO_EVSE'] ?? 'LOC-001-EVSE-05' },
      'stop-after': { type: 'string', default: '0' },
      timeout: { type: 'string', default: '900' },
    },
  });
  let step = 0;
  const say = (line: string) => process.stdout.write(`${line.startsWith('  ') ? '   ' : `${String(++step).padStart(2)}.`} ${line.trim()}\n`);
  const ptp = new PtpSimulator({ countryCode: 'DE', partyId: 'PTP', role: 'OTHER', version: '2.3.0', log: say });
  await ptp.start();
  try {
    say(`operator invites a PTP: token A from the OCPI gateway's admin API`);
    const tokenA = await tokenAFromAdmin(VERSIONS_URL, ADMIN_TOKEN);
    await ptp.register(VERSIONS_URL, tokenA);
    const locations = await ptp.listLocations();
    say(`${locations.length} location(s): ${locations.map((l) => `${l.id} (${l.evses?.length ?? 0} EVSEs)`).join(', ')}`);
    const outcome = await runCardSession(ptp, locations, { evse: values.evse, 'stop-after': values['stop-after'], timeout: values.timeout }, say);
    if (!outcome.receiptUrl) throw new Error('no receipt URL: the terminal has no invoice_base_url');
    const deadline = Date.now() + 120_000;
    for (;;) {
      const pdf = await fetch(`${outcome.receiptUrl}/invoice.pdf`).catch(() => undefined);
      if (pdf?.ok) break;
      if (Date.now() > deadline) throw new Error('no invoice within 120 s');
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const page = await fetch(outcome.receiptUrl);
    say(`invoice issued; the receipt page answers HTTP ${page.status}`);
    process.stdout.write(`\nReceipt (the terminal's QR code): ${outcome.receiptUrl}\n`);
  } finally {
    await ptp.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
