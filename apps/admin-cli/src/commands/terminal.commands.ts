import { defineCommand } from '../cli/command';
import { RefusedError, UsageError } from '../cli/errors';
import { list, table, when } from '../cli/format';
import type { AdminHttp } from '../cli/http';
import { ciId, listOpt, party, pathSegment, stringOpt } from '../cli/validate';

/** An OCPI 2.3.0 Terminal, possibly wrapped with the PTP that registered it. */
export interface TerminalRow {
  terminal_id?: string;
  country_code?: string;
  party_id?: string;
  location_ids?: string[];
  evse_uids?: string[];
  invoice_base_url?: string;
  last_updated?: string;
  /** Set by the OCPI gateway when the operator deactivated the terminal. */
  deactivated_at?: string | null;
  ptp?: { countryCode?: string; partyId?: string; country_code?: string; party_id?: string };
  terminal?: TerminalRow;
}

export interface FlatTerminal {
  terminalId: string;
  party?: string;
  locationIds: string[];
  evseUids: string[];
  invoiceBaseUrl?: string;
  lastUpdated?: string;
  deactivatedAt?: string;
}

/** Whatever shape the list has (a Terminal, or `{ ptp, terminal }`), one flat row. */
export function flatten(row: TerminalRow): FlatTerminal {
  const t = row.terminal ?? row;
  const cc = row.ptp?.countryCode ?? row.ptp?.country_code ?? t.country_code;
  const pid = row.ptp?.partyId ?? row.ptp?.party_id ?? t.party_id;
  return {
    terminalId: t.terminal_id ?? '?',
    ...(cc && pid ? { party: `${cc}-${pid}` } : {}),
    locationIds: t.location_ids ?? [],
    evseUids: t.evse_uids ?? [],
    ...(t.invoice_base_url ? { invoiceBaseUrl: t.invoice_base_url } : {}),
    ...(t.last_updated ? { lastUpdated: t.last_updated } : {}),
    ...(row.deactivated_at || t.deactivated_at
      ? { deactivatedAt: (row.deactivated_at ?? t.deactivated_at) as string }
      : {}),
  };
}

export function terminalsTable(rows: readonly FlatTerminal[]): string {
  if (rows.length === 0)
    return 'No terminals yet: a PTP registers its terminals over OCPI (Payments module).';
  return table(
    ['TERMINAL', 'PTP', 'LOCATIONS', 'EVSES', 'INVOICE BASE URL', 'LAST UPDATED', 'DEACTIVATED'],
    rows.map((t) => [
      t.terminalId,
      t.party,
      list(t.locationIds),
      list(t.evseUids),
      t.invoiceBaseUrl,
      when(t.lastUpdated),
      when(t.deactivatedAt),
    ]),
  );
}

export interface TerminalAssignInput {
  terminalId: string;
  party?: { countryCode: string; partyId: string };
  locationIds: string[];
  evseUids: string[];
}

export function parseTerminalAssign(
  terminalId: string,
  locations: readonly string[],
  evses: readonly string[],
  partyArg: string | undefined,
): TerminalAssignInput {
  if (locations.length === 0) throw new UsageError('--location <id> is required');
  return {
    terminalId: ciId(terminalId, 'terminal id'),
    ...(partyArg !== undefined ? { party: party(partyArg, '--party') } : {}),
    locationIds: locations.map((l) => ciId(l, 'location id')),
    evseUids: evses.map((e) => ciId(e, 'EVSE uid')),
  };
}

/** The PTP owning a terminal id when --party was not given: exactly one must match. */
export function ownerOf(
  terminalId: string,
  rows: readonly FlatTerminal[],
): { countryCode: string; partyId: string } {
  const matches = rows.filter((r) => r.terminalId.toUpperCase() === terminalId.toUpperCase());
  if (matches.length === 0)
    throw new RefusedError(`no terminal ${terminalId} is registered (see terminal list)`);
  const parties = [...new Set(matches.map((m) => m.party).filter((p): p is string => !!p))];
  if (parties.length !== 1) {
    throw new UsageError(
      parties.length === 0
        ? `the gateway does not say which PTP owns terminal ${terminalId}; give --party CC:PID`
        : `terminal id ${terminalId} is used by several PTPs (${parties.join(', ')}); give --party CC:PID`,
    );
  }
  const [cc, pid] = (parties[0] as string).split('-') as [string, string];
  return { countryCode: cc, partyId: pid };
}

async function listTerminals(http: AdminHttp): Promise<FlatTerminal[]> {
  const rows = await http.call<TerminalRow[]>('ocpi', 'GET', '/admin/terminals');
  return (rows ?? []).map(flatten);
}

export const terminalCommands = [
  defineCommand<void>({
    group: 'terminal',
    name: 'list',
    summary: 'payment terminals the PTPs registered, with their locations/EVSEs and invoice_base_url',
    usage: '',
    options: {},
    positionals: [],
    parse: () => undefined,
    run: async (_, { http }) => {
      const rows = await listTerminals(http);
      return { data: rows, text: terminalsTable(rows) };
    },
  }),
  defineCommand<TerminalAssignInput>({
    group: 'terminal',
    name: 'assign',
    summary: 'assign locations (and EVSEs) to a PTP terminal; the gateway pushes it to the PTP',
    usage: '<terminal_id> --location <id>[,...] [--evse <uid>[,...]] [--party CC:PID]',
    description: [
      'OCPI 2.3.0 Payments: the terminal then offers these locations/EVSEs, and the PTP receives the',
      'assignment with our invoice_base_url. --party is needed only when two PTPs use the same terminal id.',
    ],
    options: {
      location: { type: 'string', value: '<id>', multiple: true, help: 'OCPI Location id(s)' },
      evse: {
        type: 'string',
        value: '<uid>',
        multiple: true,
        help: 'EVSE uid(s) to narrow the assignment to',
      },
      party: { type: 'string', value: '<CC:PID>', help: "the terminal's PTP, e.g. NL:PTP" },
    },
    positionals: ['terminal_id'],
    parse: (a) =>
      parseTerminalAssign(
        a.positionals[0] as string,
        listOpt(a, 'location'),
        listOpt(a, 'evse'),
        stringOpt(a, 'party'),
      ),
    run: async (input, { http }) => {
      const owner = input.party ?? ownerOf(input.terminalId, await listTerminals(http));
      const path = `/admin/terminals/${pathSegment(owner.countryCode)}/${pathSegment(owner.partyId)}/${pathSegment(input.terminalId)}/assignment`;
      const terminal = await http.call<TerminalRow>('ocpi', 'POST', path, {
        location_ids: input.locationIds,
        ...(input.evseUids.length ? { evse_uids: input.evseUids } : {}),
      });
      const t = flatten(terminal ?? {});
      return {
        data: terminal,
        text: [
          `Terminal ${input.terminalId} (${owner.countryCode}-${owner.partyId}) now offers ${input.locationIds.join(', ')}` +
            (input.evseUids.length ? ` (EVSEs ${input.evseUids.join(', ')})` : '') +
            '; the assignment is queued for push to the PTP.',
          ...(t.invoiceBaseUrl ? [`Receipts: ${t.invoiceBaseUrl}<authorization_reference>`] : []),
        ].join('\n'),
      };
    },
  }),
];
