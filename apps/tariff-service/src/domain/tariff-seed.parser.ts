import { parseAppliesTo } from './connector-ref.parser';
import { contentHash } from './tariff-content';
import { TariffServiceError, type Issue } from './tariff.errors';
import { parseTariffInput, type TariffInput } from './tariff-input.parser';

/** One tariff of `deploy/seed/tariffs.json` with the connectors it applies to. */
export interface SeedEntry {
  readonly input: TariffInput;
  readonly appliesTo: readonly string[];
  /** `contentHash` of the entry: what "the seed changed" is measured by. */
  readonly hash: string;
}

/**
 * Reads the seed file's JSON: `{ "tariffs": [{ "tariff": <OCPI Tariff>, "appliesTo": [...] }] }`. Validates
 * every entry like the admin API does and lists every problem of the whole file at once (paths like
 * `tariffs[2].tariff.elements[0].price_components`); duplicate tariff ids are refused.
 */
export function parseTariffSeed(json: unknown, lastUpdated: string): SeedEntry[] {
  const list =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['tariffs'] : undefined;
  if (!Array.isArray(list)) {
    throw new TariffServiceError('SEED.INVALID', 'invalid tariff seed', [
      { path: 'tariffs', message: 'must be an array of {"tariff": {...}, "appliesTo": [...]}' },
    ]);
  }
  const issues: Issue[] = [];
  const entries: SeedEntry[] = [];
  const ids = new Set<string>();
  list.forEach((item: unknown, i) => {
    const at = `tariffs[${i}]`;
    if (typeof item !== 'object' || item === null) {
      issues.push({ path: at, message: 'must be an object {"tariff": {...}, "appliesTo": [...]}' });
      return;
    }
    const { tariff, appliesTo } = item as Record<string, unknown>;
    const id = (tariff as { id?: unknown } | undefined)?.id;
    let input: TariffInput | undefined;
    try {
      input = parseTariffInput(tariff, typeof id === 'string' ? id : '', lastUpdated);
    } catch (err) {
      if (!(err instanceof TariffServiceError)) throw err;
      issues.push(...err.issues.map((e) => ({ path: join(`${at}.tariff`, e.path), message: e.message })));
    }
    const refs = parseAppliesTo(appliesTo, `${at}.appliesTo`);
    if (!refs.ok) issues.push(...refs.issues);
    if (!input || !refs.ok) return;
    if (ids.has(input.tariffId)) {
      issues.push({ path: `${at}.tariff.id`, message: `duplicate tariff id "${input.tariffId}"` });
      return;
    }
    ids.add(input.tariffId);
    entries.push({ input, appliesTo: refs.value, hash: contentHash(input.tariff, refs.value) });
  });
  if (issues.length > 0) throw new TariffServiceError('SEED.INVALID', 'invalid tariff seed', issues);
  return entries;
}

function join(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
