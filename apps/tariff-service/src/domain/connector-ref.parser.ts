import type { Issue } from './tariff.errors';

/**
 * One part of a connector reference: an OCPI CiString(36) (Location.id, EVSE.uid, Connector.id) without `/`,
 * which separates the parts. Leading/trailing spaces are refused: they are invisible in the CLI and would
 * never match a Location.
 */
const PART = /^[\x21-\x2e\x30-\x7e](?:[\x20-\x2e\x30-\x7e]{0,34}[\x21-\x2e\x30-\x7e])?$/;

/** Upper bound per request: one document holds the list, and a tariff rarely applies to more connectors. */
export const MAX_CONNECTORS_PER_TARIFF = 2_000;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** `LOC-001/LOC-001-EVSE-01/1` -> the same string, or the reason it is not a connector reference. */
export function checkConnectorRef(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return 'must be a string "locationId/evseUid/connectorId"';
  const parts = ref.split('/');
  if (parts.length !== 3) return `"${clip(ref)}" must have the form locationId/evseUid/connectorId`;
  const names = ['locationId', 'evseUid', 'connectorId'];
  for (const [i, part] of parts.entries()) {
    if (!PART.test(part)) {
      return `${names[i]} "${clip(part)}" must be 1-36 printable ASCII characters without "/" or surrounding spaces`;
    }
  }
  return undefined;
}

/**
 * The body of `PUT /admin/tariffs/:id/assignments`: `{ "appliesTo": ["LOC-001/LOC-001-EVSE-01/1", ...] }`.
 * Every bad entry is reported; duplicates (OCPI ids are case-insensitive) are dropped, the first occurrence
 * kept, so the order stays the caller's.
 * An empty list is refused: the OCPI gateway reads `appliesTo: []` as "no assignment change" (ADR 0005), so
 * it could never withdraw a tariff from its connectors; deleting the tariff does.
 */
export function parseAssignment(body: unknown): ParseResult<string[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ path: '', message: 'must be a JSON object {"appliesTo": [...]}' }] };
  }
  return parseAppliesTo((body as Record<string, unknown>)['appliesTo'], 'appliesTo');
}

export function parseAppliesTo(value: unknown, path: string): ParseResult<string[]> {
  if (!Array.isArray(value)) {
    return { ok: false, issues: [{ path, message: 'must be an array of "locationId/evseUid/connectorId"' }] };
  }
  if (value.length === 0) {
    return {
      ok: false,
      issues: [{ path, message: 'must name at least one connector (to withdraw a tariff, delete it)' }],
    };
  }
  if (value.length > MAX_CONNECTORS_PER_TARIFF) {
    return { ok: false, issues: [{ path, message: `at most ${MAX_CONNECTORS_PER_TARIFF} connectors` }] };
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const refs: string[] = [];
  value.forEach((ref: unknown, i) => {
    const problem = checkConnectorRef(ref);
    if (problem) issues.push({ path: `${path}[${i}]`, message: problem });
    else if (!seen.has((ref as string).toUpperCase())) {
      seen.add((ref as string).toUpperCase());
      refs.push(ref as string);
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: refs };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
