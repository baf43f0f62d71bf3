import { defineCommand } from '../cli/command';
import { RefusedError, UsageError } from '../cli/errors';
import { details, kwh, money, table, when } from '../cli/format';
import { expectOk, type AdminHttp } from '../cli/http';
import { ciId, flagOpt, party, pathSegment, stringOpt } from '../cli/validate';

interface Money {
  amount: string;
  currency: string;
}

/** A line of the session engine's `GET /admin/sessions`. */
export interface SessionRow {
  sessionId: string;
  authorizationReference: string;
  ptp?: string;
  state: string;
  stationId?: string;
  evseUid?: string;
  connectorId?: string;
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  energyWh?: number;
  cost?: { exclVat: string; inclVat: string };
  limitInclVat?: Money;
  stopReason?: string;
}

interface StopView {
  reason: string;
  requestedAt: string;
  attempts: number;
  confirmedByCharger?: boolean;
  viaPtpCommand?: boolean;
}

interface Sample {
  timestamp: string;
  energyWh?: number;
  powerW?: number;
  socPercent?: number;
}

/** The session engine's `GET /admin/sessions/:ref`. */
export interface SessionDetail extends SessionRow {
  ocpiStatus?: string;
  ocpiVersion?: string;
  connector?: {
    locationId: string;
    evseUid: string;
    connectorId: string;
    stationId: string;
    ocppEvseId: number;
    ocppConnectorId: number;
  };
  tariffId?: string;
  transactionId?: string;
  maxPriceReachedAt?: string;
  flaggedForReconciliation?: boolean;
  power?: { lastW?: number; maxW?: number };
  commands?: {
    start?: { remoteStartId: number; resultSentToPtp: boolean };
    stop?: StopView;
    stopWhenStarted?: StopView;
  };
  timers?: Array<{ kind: string; dueAt: string }>;
  unexpected?: Array<{ type: string; inState: string; at: string; note: string }>;
  meter?: { samples: number; first?: Sample; last?: Sample; early?: number };
}

/** Billing's `GET /admin/cdrs/:ref`. */
export interface CdrView {
  cdr: {
    id?: string;
    currency?: string;
    total_energy?: number;
    total_cost?: {
      excl_vat?: number;
      incl_vat?: number;
      before_taxes?: number;
      taxes?: Array<{ amount: number }>;
    };
  };
  capped?: boolean;
}

/** Billing's `GET /admin/invoices/:ref`. */
export interface InvoiceView {
  invoice: {
    invoiceNumber: string;
    currency: string;
    totalInclVat: string;
    totalExclVat?: string;
    issuedAt: string;
    eftData?: string[];
  };
  creditNotes?: Array<{ invoiceNumber: string; totalInclVat: string; reason?: string }>;
}

export interface SessionStory {
  session: SessionDetail;
  cdr?: CdrView;
  invoice?: InvoiceView;
  /** Why billing could not be asked (the session part is still shown). */
  billingError?: string;
}

export interface RefInput {
  ref: string;
  /** `CC-PID`: only needed when two PTPs used the same authorization_reference. */
  party?: string;
}

export function parseRef(ref: string, partyArg: string | undefined): RefInput {
  const p = partyArg === undefined ? undefined : party(partyArg, '--party');
  return {
    ref: ciId(ref, 'authorization_reference'),
    ...(p ? { party: `${p.countryCode}-${p.partyId}` } : {}),
  };
}

const refPath = (i: RefInput, suffix = '') =>
  `/admin/sessions/${pathSegment(i.ref)}${suffix}${i.party ? `?party=${pathSegment(i.party)}` : ''}`;

const costOf = (s: SessionRow) => money(s.cost?.inclVat, s.limitInclVat?.currency);

export function sessionsTable(rows: readonly SessionRow[], activeOnly: boolean): string {
  if (rows.length === 0) return activeOnly ? 'No active sessions.' : 'No sessions yet.';
  return table(
    [
      'AUTHORIZATION REF',
      'STATE',
      'PTP',
      'STATION',
      'EVSE',
      'STARTED',
      'ENDED',
      'ENERGY',
      'COST INCL VAT',
      'LIMIT',
      'STOP',
    ],
    rows.map((s) => [
      s.authorizationReference,
      s.state,
      s.ptp,
      s.stationId,
      s.evseUid,
      when(s.startedAt),
      when(s.endedAt),
      kwh(s.energyWh),
      costOf(s),
      money(s.limitInclVat?.amount, s.limitInclVat?.currency),
      s.stopReason,
    ]),
  );
}

/** CDR total incl. VAT in both OCPI versions' Price shapes (2.2.1 excl/incl, 2.3.0 before_taxes + taxes). */
export function cdrTotalInclVat(cdr: CdrView['cdr']): number | undefined {
  const t = cdr.total_cost;
  if (!t) return undefined;
  if (t.incl_vat !== undefined) return t.incl_vat;
  if (t.before_taxes !== undefined) {
    const cents = (t.taxes ?? []).reduce(
      (sum, x) => sum + Math.round(x.amount * 100),
      Math.round(t.before_taxes * 100),
    );
    return cents / 100;
  }
  return t.excl_vat;
}

const stopLine = (s: StopView) =>
  `${s.reason} asked ${when(s.requestedAt)}, ${s.attempts} RemoteStop(s) sent` +
  (s.confirmedByCharger ? ', confirmed by the charger' : '') +
  (s.viaPtpCommand ? ", via the PTP's STOP_SESSION" : '');

export function storyText(story: SessionStory): string {
  const s = story.session;
  const cur = s.limitInclVat?.currency;
  const c = s.connector;
  const m = s.meter;
  const first = m?.first;
  const last = m?.last;
  const lines: Array<[string, string | undefined]> = [
    [
      'state',
      `${s.state}${s.ocpiStatus ? ` (OCPI ${s.ocpiStatus})` : ''}${s.stopReason ? `, stop reason ${s.stopReason}` : ''}`,
    ],
    ['PTP', `${s.ptp ?? '?'}${s.ocpiVersion ? `, OCPI ${s.ocpiVersion}` : ''}`],
    [
      'charger',
      c
        ? `${c.stationId} EVSE ${c.ocppEvseId} connector ${c.ocppConnectorId} = ${c.locationId} / ${c.evseUid} / ${c.connectorId}`
        : s.stationId,
    ],
    ['transaction', s.transactionId],
    ['created', when(s.createdAt)],
    ['started', when(s.startedAt)],
    ['ended', when(s.endedAt)],
    ['tariff', s.tariffId],
    ['paid limit', money(s.limitInclVat?.amount, cur) && `${money(s.limitInclVat?.amount, cur)} incl. VAT`],
    [
      'price',
      s.cost
        ? `${money(s.cost.inclVat, cur)} incl. VAT (${money(s.cost.exclVat, cur)} excl.) for ${kwh(s.energyWh) ?? '?'}`
        : undefined,
    ],
    ['max price at', when(s.maxPriceReachedAt)],
    [
      'meter',
      m
        ? `${m.samples} sample(s)` +
          (first && last ? `, ${when(first.timestamp)} .. ${when(last.timestamp)}` : '') +
          (first?.energyWh !== undefined && last?.energyWh !== undefined
            ? `, register ${first.energyWh} -> ${last.energyWh} Wh`
            : '') +
          (last?.socPercent !== undefined ? `, SoC ${last.socPercent} %` : '') +
          (s.power?.maxW ? `, max ${(s.power.maxW / 1000).toFixed(1)} kW` : '') +
          (m.early ? `, ${m.early} waiting for the start` : '')
        : undefined,
    ],
    [
      'start',
      s.commands?.start
        ? `RemoteStart id ${s.commands.start.remoteStartId}, result ${s.commands.start.resultSentToPtp ? 'sent to' : 'not yet sent to'} the PTP`
        : undefined,
    ],
    ['stop', s.commands?.stop ? stopLine(s.commands.stop) : undefined],
    [
      'stop pending',
      s.commands?.stopWhenStarted
        ? `${stopLine(s.commands.stopWhenStarted)} (sent when the transaction starts)`
        : undefined,
    ],
    [
      'timers',
      s.timers?.length ? s.timers.map((t) => `${t.kind} at ${when(t.dueAt)}`).join('; ') : undefined,
    ],
    ['reconciliation', s.flaggedForReconciliation ? 'flagged (see billing reconcile)' : undefined],
  ];
  for (const u of s.unexpected ?? [])
    lines.push(['unexpected', `${when(u.at)} ${u.type} in ${u.inState}: ${u.note}`]);

  if (story.billingError) {
    lines.push(['billing', `not available: ${story.billingError}`]);
  } else {
    const cdr = story.cdr?.cdr;
    lines.push([
      'CDR',
      cdr
        ? `${cdr.id ?? '?'}: ${money(cdrTotalInclVat(cdr), cdr.currency) ?? '?'} incl. VAT, ${cdr.total_energy ?? '?'} kWh` +
          (story.cdr?.capped ? ', capped at the paid limit' : '')
        : 'none yet',
    ]);
    const inv = story.invoice?.invoice;
    lines.push([
      'payment',
      inv
        ? `confirmed by the PTP${inv.eftData?.length ? ` (${inv.eftData.join('; ')})` : ''}`
        : cdr
          ? 'not confirmed yet (no FinancialAdviceConfirmation)'
          : undefined,
    ]);
    lines.push([
      'invoice',
      inv
        ? `${inv.invoiceNumber}, ${money(inv.totalInclVat, inv.currency)} incl. VAT, issued ${when(inv.issuedAt)}`
        : 'none yet',
    ]);
    for (const n of story.invoice?.creditNotes ?? []) {
      lines.push(['credit note', `${n.invoiceNumber}, ${n.totalInclVat}${n.reason ? ` (${n.reason})` : ''}`]);
    }
  }
  return [`Session ${s.authorizationReference} (session id ${s.sessionId})`, details(lines)].join('\n');
}

/** A billing look-up that may find nothing yet (404) — anything else is an answer or an error. */
async function billingLookup<T>(http: AdminHttp, path: string): Promise<T | undefined> {
  const answer = await http.request('billing', 'GET', path);
  if (answer.status === 404) return undefined;
  return expectOk<T>('billing', 'GET', path, answer);
}

export const sessionCommands = [
  defineCommand<{ active: boolean; limit?: number }>({
    group: 'session',
    name: 'list',
    summary: 'recent charging sessions (newest first), or only the running ones',
    usage: '[--active] [--limit <n>]',
    options: {
      active: { type: 'boolean', help: 'only sessions still open (PENDING, STARTING, ACTIVE, STOPPING)' },
      limit: { type: 'string', value: '<n>', help: 'at most n sessions, 1-500 (default 100)' },
    },
    positionals: [],
    parse: (a) => {
      const raw = stringOpt(a, 'limit');
      if (raw !== undefined && !/^[1-9]\d{0,2}$/.test(raw))
        throw new UsageError('--limit must be a number from 1 to 500');
      const limit = raw === undefined ? undefined : Number(raw);
      if (limit !== undefined && limit > 500) throw new UsageError('--limit must be a number from 1 to 500');
      return { active: flagOpt(a, 'active'), ...(limit !== undefined ? { limit } : {}) };
    },
    run: async (input, { http }) => {
      const query = [input.active ? 'active=true' : '', input.limit ? `limit=${input.limit}` : '']
        .filter(Boolean)
        .join('&');
      const page = await http.call<{ sessions: SessionRow[] }>(
        'engine',
        'GET',
        `/admin/sessions${query ? `?${query}` : ''}`,
      );
      return { data: page.sessions, text: sessionsTable(page.sessions ?? [], input.active) };
    },
  }),
  defineCommand<RefInput>({
    group: 'session',
    name: 'show',
    summary:
      'the whole story of a session: state, commands, meter, price, stop reason, CDR, payment, invoice',
    usage: '<authorization_reference> [--party CC:PID]',
    options: {
      party: { type: 'string', value: '<CC:PID>', help: 'the PTP, when two PTPs used the same reference' },
    },
    positionals: ['authorization_reference'],
    parse: (a) => parseRef(a.positionals[0] as string, stringOpt(a, 'party')),
    run: async (input, { http }) => {
      const session = await http.call<SessionDetail>('engine', 'GET', refPath(input));
      // Billing keys by PTP + reference too: name the session's PTP so a shared reference is not ambiguous.
      const partyQuery = session.ptp ? `?party=${pathSegment(session.ptp)}` : '';
      const story: SessionStory = { session };
      try {
        const ref = pathSegment(session.authorizationReference);
        const [cdr, invoice] = await Promise.all([
          billingLookup<CdrView>(http, `/admin/cdrs/${ref}${partyQuery}`),
          billingLookup<InvoiceView>(http, `/admin/invoices/${ref}${partyQuery}`),
        ]);
        if (cdr) story.cdr = cdr;
        if (invoice) story.invoice = invoice;
      } catch (err) {
        if (!(err instanceof RefusedError)) throw err;
        story.billingError = err.message;
      }
      return { data: story, text: storyText(story) };
    },
  }),
  defineCommand<RefInput>({
    group: 'session',
    name: 'stop',
    summary: 'operator soft stop: the engine sends RemoteStop to the charger (for one that never ends)',
    usage: '<authorization_reference> [--party CC:PID]',
    description: ['The session then ends with stop reason OPERATOR; `session show` follows it.'],
    options: {
      party: { type: 'string', value: '<CC:PID>', help: 'the PTP, when two PTPs used the same reference' },
    },
    positionals: ['authorization_reference'],
    parse: (a) => parseRef(a.positionals[0] as string, stringOpt(a, 'party')),
    run: async (input, { http }) => {
      const r = await http.call<{ sessionId: string; state: string; requestId: string; message: string }>(
        'engine',
        'POST',
        refPath(input, '/stop'),
      );
      return { data: r, text: `Session ${input.ref} (${r.state}): ${r.message}.` };
    },
  }),
];
