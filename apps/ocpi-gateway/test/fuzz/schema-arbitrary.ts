import fc from 'fast-check';

/** The JSON Schema subset `z.toJSONSchema` produces for our OCPI objects. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
}

/** URLs the gateway may be made to call: local and refused at once (no DNS, no waiting on strangers). */
const LOCAL_URLS = ['http://127.0.0.1:9/ocpi/versions', 'http://127.0.0.1:9/cmd/1', 'https://127.0.0.1:9/x'];

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? 64;
  if (s.pattern?.includes(':\\/\\/')) return fc.constantFrom(...LOCAL_URLS);
  if (s.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(s.pattern, 'u'))
        .filter((v) => v.length >= minLength && v.length <= maxLength);
    } catch {
      // a construct fast-check cannot generate from: fall back to plain strings within the limits
    }
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, 300) });
}

/** Preferred values per property name (known ids), so generated requests reach past the lookups. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Values valid for `schema` (as far as JSON Schema can say: refinements live in the zod schemas only). */
export function valid(schema: JsonSchema, depth = 0, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => valid(s, depth, hints)));
  if (schema.allOf?.[0]) return valid(schema.allOf[0], depth, hints);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items && depth < 6 ? valid(schema.items, depth + 1, hints) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(props).filter((k) => required.has(k) || depth < 4);
      return fc.record(Object.fromEntries(keys.map((k) => [k, valid(props[k] as JsonSchema, depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Anything a careless or hostile client might put in a field instead. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 300 }),
  fc.string({ minLength: 300, maxLength: 5_000 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('2026-13-45T25:61:61Z', '1970-01-01T00:00:00+02:00', '', ' ', '\u0000', '#NA'),
);

/** A valid object with one path replaced (or removed) by a wrong value. */
export function mutated(schema: JsonSchema, hints: Hints = {}): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid(schema, 0, hints), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), wrongValue)
    .map(([value, choices, replacement]) => replaceAt(value, choices, replacement));
}

function replaceAt(value: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [pick = 0, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? replaceAt(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length] as string;
  return { ...value, [key]: replaceAt((value as Record<string, unknown>)[key], rest, replacement) };
}
