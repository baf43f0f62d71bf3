import { defineCommand } from '../cli/command';
import { RefusedError, UsageError } from '../cli/errors';
import { list, table, when } from '../cli/format';
import { ciId, flagOpt, listOpt, pathSegment, requiredOpt } from '../cli/validate';
import type { LocationDoc } from './location.commands';

/** The tariff service's largest page. */
const PAGE = 500;

/** A tariff as the tariff service's admin API shows it (apps/tariff-service tariff.view.ts). */
export interface TariffRow {
  id: string;
  countryCode?: string;
  partyId?: string;
  ocpiVersion?: string;
  tariff?: { currency?: string; type?: string } | null;
  appliesTo?: string[];
  lastUpdated?: string;
}

export interface AssignInput {
  tariffId: string;
  locationId: string;
  /** `uid` (all its connectors) or `uid:connector`; empty = the whole location. */
  evses: Array<{ uid: string; connectorId?: string }>;
  replace: boolean;
}

export function parseAssign(
  tariffId: string,
  locationId: string,
  evses: readonly string[],
  replace: boolean,
): AssignInput {
  return {
    tariffId: ciId(tariffId, 'tariff id'),
    locationId: ciId(locationId, 'location id'),
    evses: evses.map((spec) => {
      const at = spec.lastIndexOf(':');
      if (at === -1) return { uid: ciId(spec, 'EVSE uid') };
      if (at === 0 || at === spec.length - 1)
        throw new UsageError(`--evse "${spec}" must be <uid> or <uid>:<connector>`);
      return {
        uid: ciId(spec.slice(0, at), 'EVSE uid'),
        connectorId: ciId(spec.slice(at + 1), 'connector id'),
      };
    }),
    replace,
  };
}

/** Whether the connector references can be built without reading the Location (every EVSE names its connector). */
export const needsLocation = (input: AssignInput) =>
  input.evses.length === 0 || input.evses.some((e) => !e.connectorId);

/** `locationId/evseUid/connectorId` references (the tariff service's assignment format). */
export function connectorRefs(input: AssignInput, location: LocationDoc | undefined): string[] {
  const ref = (evseUid: string, connectorId: string) => `${input.locationId}/${evseUid}/${connectorId}`;
  const evses = location?.evses ?? [];
  const find = (uid: string) => evses.find((e) => e.uid.toUpperCase() === uid.toUpperCase());
  if (input.evses.length === 0) {
    const all = evses.flatMap((e) => (e.connectors ?? []).map((c) => ref(e.uid, c.id)));
    if (all.length === 0)
      throw new RefusedError(`location ${input.locationId} has no connectors to assign a tariff to`);
    return all;
  }
  return input.evses.flatMap((e) => {
    if (e.connectorId) {
      const evse = location ? find(e.uid) : undefined;
      if (location && !evse) throw new RefusedError(`location ${input.locationId} has no EVSE ${e.uid}`);
      if (evse && !(evse.connectors ?? []).some((c) => c.id.toUpperCase() === e.connectorId?.toUpperCase())) {
        throw new RefusedError(`EVSE ${e.uid} of ${input.locationId} has no connector ${e.connectorId}`);
      }
      return [ref(evse?.uid ?? e.uid, e.connectorId)];
    }
    const evse = find(e.uid);
    if (!evse) throw new RefusedError(`location ${input.locationId} has no EVSE ${e.uid}`);
    return (evse.connectors ?? []).map((c) => ref(evse.uid, c.id));
  });
}

/** The new assignment: the old one plus the new connectors (duplicates ignored, OCPI ids are case-insensitive). */
export function mergeAssignment(
  current: readonly string[],
  added: readonly string[],
  replace: boolean,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of [...(replace ? [] : current), ...added]) {
    if (seen.has(r.toUpperCase())) continue;
    seen.add(r.toUpperCase());
    out.push(r);
  }
  return out;
}

export function tariffsTable(tariffs: readonly TariffRow[]): string {
  if (tariffs.length === 0) return 'No tariffs yet (the tariff service seeds deploy/seed/tariffs.json).';
  return table(
    ['ID', 'PARTY', 'OCPI', 'CURRENCY', 'TYPE', 'CONNECTORS', 'APPLIES TO', 'LAST UPDATED'],
    tariffs.map((t) => [
      t.id,
      t.countryCode && t.partyId ? `${t.countryCode}-${t.partyId}` : undefined,
      t.ocpiVersion,
      t.tariff?.currency,
      t.tariff === null ? 'deleted' : t.tariff?.type,
      (t.appliesTo ?? []).length,
      list(t.appliesTo, 2),
      when(t.lastUpdated),
    ]),
  );
}

export const tariffCommands = [
  defineCommand<AssignInput>({
    group: 'tariff',
    name: 'assign',
    summary: 'make a tariff apply to the connectors of a location or of some of its EVSEs',
    usage: '<tariff_id> --location <id> [--evse <uid>[:<connector>][,...]] [--replace]',
    description: [
      'Without --evse: every connector of the location. An EVSE without a connector: all its connectors.',
      'The connectors are added to those the tariff already applies to; --replace sets exactly these.',
      "The OCPI gateway then lists the tariff in these connectors' tariff_ids.",
    ],
    options: {
      location: { type: 'string', value: '<id>', help: 'OCPI Location id' },
      evse: {
        type: 'string',
        value: '<uid>[:<connector>]',
        multiple: true,
        help: 'EVSE uid(s), optionally with a connector',
      },
      replace: { type: 'boolean', help: 'replace the assignment instead of adding to it' },
    },
    positionals: ['tariff_id'],
    parse: (a) =>
      parseAssign(
        a.positionals[0] as string,
        requiredOpt(a, 'location', '<id>'),
        listOpt(a, 'evse'),
        flagOpt(a, 'replace'),
      ),
    run: async (input, { http }) => {
      const path = `/admin/tariffs/${pathSegment(input.tariffId)}`;
      const current = await http.call<TariffRow>('tariff', 'GET', path);
      const location = needsLocation(input)
        ? await http.call<LocationDoc>('ocpi', 'GET', `/admin/locations/${pathSegment(input.locationId)}`)
        : undefined;
      const added = connectorRefs(input, location);
      const appliesTo = mergeAssignment(current.appliesTo ?? [], added, input.replace);
      const updated = await http.call<TariffRow & { changed?: boolean }>(
        'tariff',
        'PUT',
        `${path}/assignments`,
        {
          appliesTo,
        },
      );
      const now = updated.appliesTo ?? appliesTo;
      return {
        data: updated,
        text: [
          `Tariff ${input.tariffId} ${updated.changed === false ? 'already applied to these' : 'now applies to'} ${now.length} connector(s):`,
          ...now.map((r) => `  ${r}`),
        ].join('\n'),
      };
    },
  }),
  defineCommand<void>({
    group: 'tariff',
    name: 'list',
    summary: 'tariffs and the connectors they apply to',
    usage: '',
    options: {},
    positionals: [],
    parse: () => undefined,
    run: async (_, { http }) => {
      const tariffs: TariffRow[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await http.call<{ tariffs: TariffRow[] }>(
          'tariff',
          'GET',
          `/admin/tariffs?offset=${offset}&limit=${PAGE}`,
        );
        tariffs.push(...(page.tariffs ?? []));
        if ((page.tariffs ?? []).length < PAGE) break;
      }
      return { data: tariffs, text: tariffsTable(tariffs) };
    },
  }),
];
