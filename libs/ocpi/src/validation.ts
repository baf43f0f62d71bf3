import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function messageOf(issue: Issue, input: unknown): string {
  if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return 'required';
  if (issue.code === 'invalid_union' && issue.message === 'Invalid input') {
    const alternatives = issue.errors
      .map((branch) => branch[0]?.message)
      .filter((m): m is string => Boolean(m));
    return alternatives.length > 0 ? `expected ${[...new Set(alternatives)].join(' or ')}` : issue.message;
  }
  return issue.message;
}

/**
 * One line per problem, each naming the field by its JSON path, e.g.
 * `token.uid: at most 36 characters; location_id: required`.
 */
export function describeIssues(error: z.ZodError, input: unknown, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${path || '(body)'}: ${messageOf(issue, input)}`;
    })
    .join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** safeParse with an OCPI-style message that names every bad field. */
export function parseOcpi<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): Parsed<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, message: describeIssues(r.error, input, prefix) };
}
