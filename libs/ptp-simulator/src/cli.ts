/* PTP simulator CLI: node -r @swc-node/register libs/ptp-simulator/src/cli.ts --help */
import { parseArgs } from 'node:util';
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
    await run(ptp, locations, values, say);
  } finally {
    await ptp.stop();
  }
}

async function run(
  ptp: PtpSimulator,
  locations: Awaited<ReturnType<PtpSimulator['listLocations']>>,
  values: { location?: string; evse?: string; connector?: string; 'stop-after': string; timeout: string },
  say: (line: string) => void,
): Promise<void> {
  const deadlineMs = Number(values.timeout) * 1000;
  const location = locations.find((l) => !values.location || l.id === values.location);
  const evse =
    location?.evses?.find((e) => (values.evse ? e.uid === values.evse : e.status === 'AVAILABLE')) ??
    location?.evses?.[0];
  const connector = evse?.connectors.find((c) => !values.connector || c.id === values.connector);
  if (!location || !evse || !connector) throw new Error('no matching connector');
  say(`driver picks ${location.id} / ${evse.uid} / ${connector.id}`);
  const price = await ptp.priceFor(location, evse.uid, connector.id);
  for (const line of price.lines) say(`  price: ${line}`);
  const terminal = await ptp.registerTerminal().catch(() => undefined);
  if (terminal) say(`terminal registered (HTTP ${terminal.httpStatus})`);
  say('card pre-authorised at the PSP (simulated)');

  const { authorizationReference, response } = await ptp.startSession({
    locationId: location.id,
    evseUid: evse.uid,
    connectorId: connector.id,
  });
  if (response.result !== 'ACCEPTED')
    throw new Error(`START_SESSION ${response.result}: ${response.message?.[0]?.text ?? ''}`);
  const result = await ptp.waitFor(
    () => ptp.inbox.commandResults.get(`start-${authorizationReference}`)?.[0],
    response.timeout * 1000 + 5_000,
    'CommandResult',
  );
  say(`CommandResult: ${result.result}`);
  if (result.result !== 'ACCEPTED') return;
  const session = await ptp.waitFor(
    () => ptp.sessionByReference(authorizationReference),
    deadlineMs,
    'the pushed Session',
  );
  say(`session ${session.id} ${session.status}`);

  const stopAfter = Number(values['stop-after']);
  let lastKwh = -1;
  const started = Date.now();
  let stopSent = false;
  await ptp.waitFor(
    () => {
      const s = ptp.sessionByReference(authorizationReference);
      if (s && s.kwh !== lastKwh) {
        lastKwh = s.kwh;
        say(`  ${s.status} ${s.kwh} kWh, cost ${JSON.stringify(s.total_cost ?? {})}`);
      }
      if (!stopSent && stopAfter > 0 && Date.now() - started > stopAfter * 1000) {
        stopSent = true;
        void ptp.stopSession(session.id).then((r) => say(`STOP_SESSION: ${r.result}`));
      }
      return s?.status === 'COMPLETED' || s?.status === 'INVALID';
    },
    deadlineMs,
    'the session to end',
  );

  const cdr = await ptp.waitFor(
    () => ptp.inbox.cdrs.find((c) => c.authorization_reference === authorizationReference),
    deadlineMs,
    'the CDR',
  );
  const total =
    'before_taxes' in cdr.total_cost
      ? {
          excl: cdr.total_cost.before_taxes,
          incl: cdr.total_cost.before_taxes + (cdr.total_cost.taxes ?? []).reduce((s, t) => s + t.amount, 0),
        }
      : { excl: cdr.total_cost.excl_vat, incl: cdr.total_cost.incl_vat ?? cdr.total_cost.excl_vat };
  say(`CDR ${cdr.id}: ${cdr.total_energy} kWh, ${total.incl.toFixed(2)} ${cdr.currency} incl. VAT`);
  const fac = await ptp.confirmPayment({
    authorizationReference,
    amountExclVat: total.excl,
    amountInclVat: Math.round(total.incl * 100) / 100,
    currency: cdr.currency,
  });
  say(`financial advice confirmation: HTTP ${fac.httpStatus} status ${fac.body?.status_code}`);
  say(`receipt: ${ptp.receiptUrl(authorizationReference) ?? '(no invoice_base_url received)'}`);
}

async function tokenAFromAdmin(versionsUrl: string, adminToken: string | undefined): Promise<string> {
  if (!adminToken) throw new Error('give --token-a, or --admin-token to create one');
  const res = await fetch(versionsUrl.replace(/\/ocpi\/versions$/, '/admin/peers'), {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ptp-simulator' }),
  });
  const body = (await res.json()) as { data?: { token_a?: string } };
  if (!body.data?.token_a) throw new Error(`admin API answered HTTP ${res.status}`);
  return body.data.token_a;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`ptp-simulator: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
