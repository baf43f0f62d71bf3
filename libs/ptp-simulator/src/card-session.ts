import type { PtpSimulator } from './ptp-simulator';

export interface CardSessionOptions {
  location?: string;
  evse?: string;
  connector?: string;
  /** Seconds after which the driver presses Stop on the terminal; 0 = wait for the CPO or the car to stop. */
  'stop-after': string;
  /** Overall deadline in seconds. */
  timeout: string;
}

export interface CardSessionOutcome {
  authorizationReference: string;
  sessionId?: string;
  receiptUrl?: string;
  cdrId?: string;
  commandResult: string;
}

/**
 * One card session as a payment terminal plays it (the seed's sequence): pick a connector, show the price,
 * pre-authorise, START_SESSION, follow the pushed session, STOP_SESSION (or let the CPO stop at the limit),
 * receive the CDR, confirm the captured payment, print the receipt URL.
 */
export async function runCardSession(
  ptp: PtpSimulator,
  locations: Awaited<ReturnType<PtpSimulator['listLocations']>>,
  values: CardSessionOptions,
  say: (line: string) => void,
): Promise<CardSessionOutcome> {
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
  if (result.result !== 'ACCEPTED') return { authorizationReference, commandResult: result.result };
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
  const receiptUrl = ptp.receiptUrl(authorizationReference);
  say(`receipt: ${receiptUrl ?? '(no invoice_base_url received)'}`);
  return {
    authorizationReference,
    sessionId: session.id,
    cdrId: cdr.id,
    commandResult: result.result,
    ...(receiptUrl ? { receiptUrl } : {}),
  };
}

/** Asks the gateway's admin API for a fresh credentials token A (operators hand this to a PTP). */
export async function tokenAFromAdmin(versionsUrl: string, adminToken: string | undefined): Promise<string> {
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
