import { defineCommand } from '../cli/command';
import { RefusedError, UsageError } from '../cli/errors';
import { details, list, table, when } from '../cli/format';
import { expectOk, type AdminHttp } from '../cli/http';
import { ciId, flagOpt, listOpt, pathSegment, requiredOpt, stringOpt } from '../cli/validate';
import type { LocationDoc } from './location.commands';

export type Protocol = 'ocpp1.6' | 'ocpp2.0.1';

/** One entry of RegisterStationInput.connectors (apps/ocpp-gateway station-admin.use-case.ts). */
export interface ConnectorMapping {
  ocppEvseId: number;
  ocppConnectorId: number;
  locationId: string;
  evseUid: string;
  connectorId: string;
}

export interface AddStationInput {
  stationId: string;
  protocol: Protocol;
  connectors: ConnectorMapping[];
  /** Register even when the OCPI gateway does not serve these EVSEs (yet). */
  allowUnknownEvse: boolean;
}

/** Station ids are the last segment of the OCPP-J URL (the gateway's rule). */
const STATION_ID = /^[A-Za-z0-9._*:+|@-]{1,48}$/;

export function stationId(value: string): string {
  if (!STATION_ID.test(value)) {
    throw new UsageError(
      `station id "${value}" must be 1-48 characters of A-Z a-z 0-9 . _ * : + | @ - (it ends the OCPP URL)`,
    );
  }
  return value;
}

export function protocolOf(value: string | undefined): Protocol {
  switch (value) {
    case undefined:
    case '2.0.1':
    case 'ocpp2.0.1':
      return 'ocpp2.0.1';
    case '1.6':
    case 'ocpp1.6':
      return 'ocpp1.6';
    default:
      throw new UsageError(`--protocol "${value}" must be 1.6 or 2.0.1`);
  }
}

/**
 * `--evse <uid>:<connector>` entries -> the OCPP numbering the charger uses for them, in the order given.
 * OCPP 2.0.1: each new EVSE uid is the next EVSE id (1, 2, ...) and its connectors count 1, 2, ... within it.
 * OCPP 1.6 has no EVSE level: every connector is the next connector id, and the gateway keeps the EVSE id
 * equal to it (apps/ocpp-gateway domain/station.ts).
 */
export function mapConnectors(
  specs: readonly string[],
  locationId: string,
  protocol: Protocol,
): ConnectorMapping[] {
  if (specs.length === 0) throw new UsageError('--evse <uid>:<connector>[,...] is required');
  const seen = new Set<string>();
  const evseIds = new Map<string, number>();
  const perEvse = new Map<string, number>();
  return specs.map((spec, i) => {
    const at = spec.lastIndexOf(':');
    if (at <= 0 || at === spec.length - 1) {
      throw new UsageError(`--evse "${spec}" must be <evse uid>:<connector id>, e.g. LOC-001-EVSE-07:1`);
    }
    const evseUid = ciId(spec.slice(0, at), 'EVSE uid');
    const connectorId = ciId(spec.slice(at + 1), 'connector id');
    const key = `${evseUid.toUpperCase()}:${connectorId.toUpperCase()}`;
    if (seen.has(key)) throw new UsageError(`--evse lists ${evseUid}:${connectorId} twice`);
    seen.add(key);
    const evseKey = evseUid.toUpperCase();
    if (!evseIds.has(evseKey)) evseIds.set(evseKey, evseIds.size + 1);
    perEvse.set(evseKey, (perEvse.get(evseKey) ?? 0) + 1);
    const ocppEvseId = protocol === 'ocpp1.6' ? i + 1 : (evseIds.get(evseKey) as number);
    const ocppConnectorId = protocol === 'ocpp1.6' ? i + 1 : (perEvse.get(evseKey) as number);
    return { ocppEvseId, ocppConnectorId, locationId, evseUid, connectorId };
  });
}

export const ocppUrlOf = (wsBase: string, id: string) => `${wsBase}/${encodeURIComponent(id)}`;

const versionLabel = (p: Protocol | undefined) => (p ? p.replace('ocpp', 'OCPP ') : 'OCPP (any)');

export function addedText(input: AddStationInput, ocppUrl: string, password: string): string {
  const mapping = input.connectors.map(
    (c) =>
      `    ${c.locationId} / ${c.evseUid} / connector ${c.connectorId}  <-  OCPP ${
        input.protocol === 'ocpp1.6'
          ? `connector ${c.ocppConnectorId}`
          : `EVSE ${c.ocppEvseId} connector ${c.ocppConnectorId}`
      }`,
  );
  return [
    `Registered station ${input.stationId} (${versionLabel(input.protocol)}):`,
    ...mapping,
    'Configure the charger with (the password is shown only this once; the gateway stores a hash):',
    details([
      ['OCPP URL', ocppUrl],
      ['identity', input.stationId],
      ['password', password],
      [
        'security',
        `profile ${ocppUrl.startsWith('wss:') ? '2 (TLS + HTTP Basic Auth)' : '1 (HTTP Basic Auth)'}`,
      ],
    ]),
  ].join('\n');
}

/** What `GET /admin/stations` gives per station (apps/ocpp-gateway StationView). */
export interface StationRow {
  stationId: string;
  /** The protocol of its latest connection (null: never connected). */
  protocol?: Protocol | null;
  /** The protocol it is registered for (null: whichever it offers). */
  requiredProtocol?: Protocol | null;
  enabled?: boolean;
  hasPassword?: boolean;
  connected?: boolean;
  lastHeartbeatAt?: string | null;
  firmwareVersion?: string | null;
  vendor?: string | null;
  model?: string | null;
  connectors?: Array<Partial<ConnectorMapping>>;
}

const short = (p: Protocol | null | undefined) => (p ? p.replace('ocpp', '') : undefined);

/** `2.0.1`, `any`, or `any (speaks 1.6)` when registered for any version and seen speaking one. */
function protocolCell(s: StationRow): string {
  const required = short(s.requiredProtocol) ?? 'any';
  const speaks = short(s.protocol);
  return speaks && speaks !== required ? `${required} (speaks ${speaks})` : required;
}

export function stationsTable(stations: readonly StationRow[]): string {
  if (stations.length === 0) return 'No stations registered. Add one: npm run -s admin -- station add --help';
  return table(
    ['STATION', 'PROTOCOL', 'CONNECTED', 'LAST HEARTBEAT', 'FIRMWARE', 'VENDOR / MODEL', 'ENABLED', 'EVSES'],
    stations.map((s) => [
      s.stationId,
      protocolCell(s),
      s.connected,
      when(s.lastHeartbeatAt),
      s.firmwareVersion,
      [s.vendor, s.model].filter(Boolean).join(' / ') || undefined,
      s.enabled,
      list(
        (s.connectors ?? []).map((c) => `${c.evseUid ?? '?'}:${c.connectorId ?? '?'}`),
        4,
      ),
    ]),
  );
}

/**
 * Why the mapping would be wrong: a connector another charger already serves (the gateway would route its
 * sessions to whichever it finds first), or, unless allowed, EVSEs the OCPI gateway does not publish (a PTP could
 * never start a session there). Empty = fine.
 */
export interface MappingProblem {
  kind: 'TAKEN' | 'NOT_SERVED';
  message: string;
}

export function mappingProblems(
  input: AddStationInput,
  stations: readonly StationRow[],
  location: LocationDoc | undefined,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const key = (c: Partial<ConnectorMapping>) =>
    `${c.locationId ?? ''}/${c.evseUid ?? ''}/${c.connectorId ?? ''}`.toUpperCase();
  const owner = new Map<string, string>();
  for (const st of stations) for (const c of st.connectors ?? []) owner.set(key(c), st.stationId);
  for (const c of input.connectors) {
    const taken = owner.get(key(c));
    if (taken) {
      problems.push({
        kind: 'TAKEN',
        message: `${c.evseUid}:${c.connectorId} of ${c.locationId} is already served by station ${taken}`,
      });
    }
  }
  if (location) {
    for (const c of input.connectors) {
      const evse = (location.evses ?? []).find((e) => e.uid.toUpperCase() === c.evseUid.toUpperCase());
      if (!evse)
        problems.push({ kind: 'NOT_SERVED', message: `location ${location.id} has no EVSE ${c.evseUid}` });
      else if (!(evse.connectors ?? []).some((k) => k.id.toUpperCase() === c.connectorId.toUpperCase())) {
        problems.push({
          kind: 'NOT_SERVED',
          message: `EVSE ${c.evseUid} of ${location.id} has no connector ${c.connectorId}`,
        });
      }
    }
  }
  return problems;
}

/** The Location as the OCPI gateway serves it; a clear refusal when it serves none by that id. */
async function servedLocation(http: AdminHttp, locationId: string): Promise<LocationDoc> {
  const path = `/admin/locations/${pathSegment(locationId)}`;
  const answer = await http.request('ocpi', 'GET', path);
  if (answer.status === 404) {
    throw new RefusedError(
      `nothing registered: the OCPI gateway serves no location ${locationId} (add it with location add --file, or pass --allow-unknown-evse)`,
      { service: 'ocpi', status: 404 },
    );
  }
  return expectOk<LocationDoc>('ocpi', 'GET', path, answer);
}

const alreadyRegistered = (id: string) =>
  new RefusedError(
    `station ${id} is already registered; nothing changed (new password: station rotate-password ${id})`,
    { service: 'ocppAdmin', status: 409 },
  );

/** The gateway's answer carries the password it generated, once; without it the charger cannot log in. */
function passwordFrom(answer: unknown, stationId: string): string {
  const password = (answer as { password?: unknown } | undefined)?.password;
  if (typeof password !== 'string' || password === '') {
    throw new RefusedError(
      `the OCPP gateway returned no password for ${stationId}; rotate one with station rotate-password`,
      {
        service: 'ocppAdmin',
      },
    );
  }
  return password;
}

export const stationCommands = [
  defineCommand<AddStationInput>({
    group: 'station',
    name: 'add',
    summary: 'register a charger on EVSEs of a location; prints its OCPP URL and its generated password',
    usage:
      '--id <identity> --location <id> --evse <uid>:<connector>[,...] [--protocol 1.6|2.0.1] [--allow-unknown-evse]',
    description: [
      'The EVSEs are numbered for OCPP in the order given (2.0.1: EVSE 1, 2, ... with connectors 1, 2, ...',
      'inside each; 1.6: connectors 1, 2, ...). Refused, with nothing registered: an id already registered',
      '(rotate its password with `station rotate-password`), a connector another charger serves, or EVSEs',
      'the OCPI gateway does not serve (unless --allow-unknown-evse).',
    ],
    options: {
      id: {
        type: 'string',
        value: '<identity>',
        help: 'the charge point identity (the last part of its OCPP URL)',
      },
      location: { type: 'string', value: '<id>', help: 'OCPI Location id the EVSEs belong to' },
      evse: {
        type: 'string',
        value: '<uid>:<connector>',
        multiple: true,
        help: 'OCPI EVSE uid and connector id; comma-separated or repeated',
      },
      protocol: {
        type: 'string',
        value: '1.6|2.0.1',
        help: 'the OCPP version it must speak (default 2.0.1)',
      },
      'allow-unknown-evse': {
        type: 'boolean',
        help: 'register even if the OCPI gateway does not serve these EVSEs yet (add them with location add)',
      },
    },
    positionals: [],
    parse: (a) => {
      const id = stationId(requiredOpt(a, 'id', '<identity>'));
      const locationId = ciId(requiredOpt(a, 'location', '<id>'), 'location id');
      const protocol = protocolOf(stringOpt(a, 'protocol'));
      const connectors = mapConnectors(listOpt(a, 'evse'), locationId, protocol);
      return { stationId: id, protocol, connectors, allowUnknownEvse: flagOpt(a, 'allow-unknown-evse') };
    },
    run: async (input, { http, endpoints }) => {
      const locationId = input.connectors[0]?.locationId ?? '';
      const [stations, location] = await Promise.all([
        http.call<StationRow[]>('ocppAdmin', 'GET', '/admin/stations'),
        input.allowUnknownEvse ? undefined : servedLocation(http, locationId),
      ]);
      if ((stations ?? []).some((st) => st.stationId === input.stationId))
        throw alreadyRegistered(input.stationId);
      const problems = mappingProblems(input, stations ?? [], location);
      if (problems.length > 0) {
        throw new RefusedError(
          `nothing registered: ${problems.map((p) => p.message).join('; ')}` +
            (problems.some((p) => p.kind === 'NOT_SERVED')
              ? ' (to register before the OCPI gateway serves these EVSEs: --allow-unknown-evse)'
              : ''),
        );
      }
      // No password in the request: the gateway generates one, stores only its hash and returns it this once.
      let answer: unknown;
      try {
        answer = await http.call('ocppAdmin', 'POST', '/admin/stations', {
          stationId: input.stationId,
          protocol: input.protocol,
          connectors: input.connectors,
        });
      } catch (err) {
        // Registered by someone else between the list and now.
        if (err instanceof RefusedError && err.detail.status === 409)
          throw alreadyRegistered(input.stationId);
        throw err;
      }
      const password = passwordFrom(answer, input.stationId);
      const ocppUrl = ocppUrlOf(endpoints.ocppWs, input.stationId);
      return {
        data: {
          stationId: input.stationId,
          protocol: input.protocol,
          ocppUrl,
          password,
          connectors: input.connectors,
        },
        text: addedText(input, ocppUrl, password),
      };
    },
  }),
  defineCommand<void>({
    group: 'station',
    name: 'list',
    summary: 'registered chargers: connected or not, last heartbeat, protocol, firmware',
    usage: '',
    options: {},
    positionals: [],
    parse: () => undefined,
    run: async (_, { http }) => {
      const stations = await http.call<StationRow[]>('ocppAdmin', 'GET', '/admin/stations');
      return { data: stations, text: stationsTable(stations ?? []) };
    },
  }),
  defineCommand<string>({
    group: 'station',
    name: 'rotate-password',
    summary: 'give a charger a new generated Basic Auth password (shown once)',
    usage: '<station_id>',
    description: ['The old password stops working at once; set the new one on the charger.'],
    options: {},
    positionals: ['station_id'],
    parse: (a) => stationId(a.positionals[0] as string),
    run: async (id, { http, endpoints }) => {
      // An empty body asks the gateway to generate the password (answered once, stored hashed).
      const answer = await http.call('ocppAdmin', 'POST', `/admin/stations/${pathSegment(id)}/password`, {});
      const password = passwordFrom(answer, id);
      const ocppUrl = ocppUrlOf(endpoints.ocppWs, id);
      return {
        data: { stationId: id, ocppUrl, password },
        text: [
          `New password for ${id} (shown only this once; the old one no longer works):`,
          details([
            ['OCPP URL', ocppUrl],
            ['password', password],
          ]),
        ].join('\n'),
      };
    },
  }),
];
