import { defineCommand, type CliIo } from '../cli/command';
import { UsageError } from '../cli/errors';
import { table, when } from '../cli/format';
import { ciId, pathSegment, requiredOpt } from '../cli/validate';

/** The parts of an OCPI Location the CLI reads; the gateway validates the whole object. */
export interface LocationDoc {
  id: string;
  name?: string;
  city?: string;
  publish?: boolean;
  last_updated?: string;
  evses?: Array<{ uid: string; evse_id?: string; status?: string; connectors?: Array<{ id: string }> }>;
  [field: string]: unknown;
}

/** Reads and checks an OCPI Location JSON file before anything is sent. */
export function readLocationFile(path: string, io: CliIo): LocationDoc {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (err) {
    throw new UsageError(
      `--file ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--file ${path}: not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new UsageError(`--file ${path}: must hold one OCPI Location object`);
  }
  const loc = doc as Record<string, unknown>;
  if (typeof loc['id'] !== 'string') throw new UsageError(`--file ${path}: the Location needs an "id"`);
  ciId(loc['id'], 'Location id');
  const evses = loc['evses'];
  if (evses !== undefined) {
    if (!Array.isArray(evses)) throw new UsageError(`--file ${path}: "evses" must be an array`);
    const uids = new Set<string>();
    evses.forEach((e: unknown, i) => {
      const uid = (e as { uid?: unknown } | null)?.uid;
      if (typeof uid !== 'string') throw new UsageError(`--file ${path}: evses[${i}] needs a "uid"`);
      ciId(uid, `evses[${i}].uid`);
      if (uids.has(uid.toUpperCase())) throw new UsageError(`--file ${path}: EVSE uid ${uid} appears twice`);
      uids.add(uid.toUpperCase());
    });
  }
  return loc as LocationDoc;
}

const connectorCount = (l: LocationDoc) =>
  (l.evses ?? []).reduce((n, e) => n + (e.connectors?.length ?? 0), 0);

export function locationsTable(locations: readonly LocationDoc[]): string {
  if (locations.length === 0)
    return 'No locations yet. Add one: npm run -s admin -- location add --file <location.json>';
  return table(
    ['ID', 'NAME', 'CITY', 'EVSES', 'CONNECTORS', 'PUBLISHED', 'LAST UPDATED'],
    locations.map((l) => [
      l.id,
      l.name,
      l.city,
      (l.evses ?? []).length,
      connectorCount(l),
      l.publish,
      when(l.last_updated),
    ]),
  );
}

export const locationCommands = [
  defineCommand<LocationDoc>({
    group: 'location',
    name: 'add',
    summary: 'create or replace an OCPI Location (as the OCPI gateway serves it to PTPs)',
    usage: '--file <ocpi-location.json>',
    description: [
      'The file holds one OCPI 2.2.1/2.3.0 Location object; its "id" names it. The gateway validates it and',
      'pushes the change to registered PTPs. Chargers are mapped to its EVSEs with `station add`.',
    ],
    options: { file: { type: 'string', value: '<path>', help: 'the Location JSON file' } },
    positionals: [],
    parse: (a, io) => readLocationFile(requiredOpt(a, 'file', '<path>'), io),
    run: async (location, { http }) => {
      const stored = await http.call<LocationDoc | undefined>(
        'ocpi',
        'PUT',
        `/admin/locations/${pathSegment(location.id)}`,
        location,
      );
      const shown = stored && typeof stored === 'object' ? stored : location;
      return {
        data: shown,
        text: `Stored location ${shown.id}${shown.name ? ` "${shown.name}"` : ''}: ${(shown.evses ?? []).length} EVSEs, ${connectorCount(shown)} connectors.`,
      };
    },
  }),
  defineCommand<void>({
    group: 'location',
    name: 'list',
    summary: 'the OCPI Locations the gateway serves',
    usage: '',
    options: {},
    positionals: [],
    parse: () => undefined,
    run: async (_, { http }) => {
      const locations = await http.call<LocationDoc[]>('ocpi', 'GET', '/admin/locations');
      return { data: locations, text: locationsTable(locations ?? []) };
    },
  }),
];
