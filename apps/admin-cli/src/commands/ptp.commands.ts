import { defineCommand } from '../cli/command';
import { UsageError } from '../cli/errors';
import { details, table, when } from '../cli/format';
import { ciId, requiredOpt, stringOpt, pathSegment } from '../cli/validate';

/** `POST /admin/peers` answer (OCPI gateway). */
export interface Invitation {
  peer_id: string;
  token_a: string;
  versions_url: string;
}

/** One row of `GET /admin/peers`. */
export interface PeerRow {
  peer_id: string;
  name?: string;
  state?: string;
  country_code?: string;
  party_id?: string;
  role?: string;
  version?: string;
  registered_at?: string;
  last_push_ok_at?: string;
  pending_pushes?: number;
  created_at?: string;
}

export interface InviteInput {
  name: string;
  countryCode: string;
  partyId: string;
}

export function parseInvite(name: string, country = 'NL', partyId = 'PTP'): InviteInput {
  const trimmed = name.trim();
  if (trimmed.length > 100) throw new UsageError('--name must be at most 100 characters');
  if (!/^[A-Za-z]{2}$/.test(country))
    throw new UsageError(`--country "${country}" must be an ISO 3166 alpha-2 code like NL`);
  if (!/^[A-Za-z0-9]{3}$/.test(partyId)) {
    throw new UsageError(`--party "${partyId}" must be 3 letters or digits (OCPI party_id) like PTP`);
  }
  return { name: trimmed, countryCode: country.toUpperCase(), partyId: partyId.toUpperCase() };
}

export function invitationText(input: InviteInput, inv: Invitation): string {
  return [
    `Invited PTP "${input.name}" (${input.countryCode}-${input.partyId}), peer id ${inv.peer_id}.`,
    'Hand these to the PTP for its OCPI credentials handshake (token A only opens versions and credentials):',
    details([
      ['versions URL', inv.versions_url],
      ['token A', inv.token_a],
    ]),
    'It sends `Authorization: Token <base64(token A)>`, then POSTs its credentials; `ptp list` shows it REGISTERED.',
  ].join('\n');
}

export function peersTable(peers: readonly PeerRow[]): string {
  if (peers.length === 0) return 'No PTPs yet. Invite one: npm run -s admin -- ptp invite --name <name>';
  return table(
    ['PEER ID', 'NAME', 'STATE', 'PARTY', 'ROLE', 'OCPI', 'REGISTERED', 'LAST PUSH OK', 'PENDING'],
    peers.map((p) => [
      p.peer_id,
      p.name,
      p.state,
      p.country_code && p.party_id ? `${p.country_code}-${p.party_id}` : undefined,
      p.role,
      p.version,
      when(p.registered_at),
      when(p.last_push_ok_at),
      p.pending_pushes,
    ]),
  );
}

export const ptpCommands = [
  defineCommand<InviteInput>({
    group: 'ptp',
    name: 'invite',
    summary: 'create a credentials token A for a new payment terminal provider (PTP)',
    usage: '--name <name> [--country NL] [--party PTP]',
    description: [
      'Prints the OCPI versions URL and token A to hand over out of band. The PTP registers by',
      'POSTing its credentials with that token (OCPI credentials module); token A then stops working.',
    ],
    options: {
      name: { type: 'string', value: '<name>', help: 'the PTP as operators know it (1-100 characters)' },
      country: { type: 'string', value: '<CC>', help: 'its OCPI country_code (default NL)' },
      party: { type: 'string', value: '<PID>', help: 'its OCPI party_id, 3 characters (default PTP)' },
    },
    positionals: [],
    parse: (a) =>
      parseInvite(requiredOpt(a, 'name', '<name>'), stringOpt(a, 'country'), stringOpt(a, 'party')),
    run: async (input, { http }) => {
      const inv = await http.call<Invitation>('ocpi', 'POST', '/admin/peers', {
        name: input.name,
        country_code: input.countryCode,
        party_id: input.partyId,
      });
      return { data: inv, text: invitationText(input, inv) };
    },
  }),
  defineCommand<void>({
    group: 'ptp',
    name: 'list',
    summary: 'PTPs with their registration state, OCPI version, last successful push and push queue',
    usage: '',
    options: {},
    positionals: [],
    parse: () => undefined,
    run: async (_, { http }) => {
      const peers = await http.call<PeerRow[]>('ocpi', 'GET', '/admin/peers');
      return { data: peers, text: peersTable(peers ?? []) };
    },
  }),
  defineCommand<string>({
    group: 'ptp',
    name: 'revoke',
    summary: 'revoke a PTP: its tokens stop working and nothing more is pushed to it',
    usage: '<peer_id>',
    options: {},
    positionals: ['peer_id'],
    parse: (a) => ciId(a.positionals[0] as string, 'peer_id', 64),
    run: async (peerId, { http }) => {
      const data = await http.call<Partial<PeerRow> | undefined>(
        'ocpi',
        'POST',
        `/admin/peers/${pathSegment(peerId)}/revoke`,
      );
      const name = data?.name ? ` (${data.name})` : '';
      const state = data?.state ? `; state ${data.state}` : '';
      return {
        data: data ?? { peer_id: peerId },
        text: `Revoked PTP ${peerId}${name}${state}. Its tokens no longer work.`,
      };
    },
  }),
];
