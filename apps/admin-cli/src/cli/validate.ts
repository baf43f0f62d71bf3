import { UsageError } from './errors';
import type { ParsedArgs } from './command';

/** OCPI CiString(n) used as an id: printable ASCII, no `/` (it separates path segments), no surrounding space. */
const CI_ID = /^[\x21-\x2e\x30-\x7e](?:[\x20-\x2e\x30-\x7e]*[\x21-\x2e\x30-\x7e])?$/;

export function ciId(value: string, what: string, max = 36): string {
  if (value.length === 0 || value.length > max || !CI_ID.test(value)) {
    throw new UsageError(
      `${what} "${value}" must be 1-${max} printable ASCII characters without "/" or surrounding spaces`,
    );
  }
  return value;
}

/** A single string option; `undefined` when absent. Given twice is an error (which one was meant?). */
export function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length > 1) throw new UsageError(`--${name} given ${v.length} times; give it once`);
    return v[0] === undefined ? undefined : String(v[0]);
  }
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requiredOpt(args: ParsedArgs, name: string, placeholder: string): string {
  const v = stringOpt(args, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`--${name} ${placeholder} is required`);
  return v;
}

/** A repeatable option whose values may also be comma-separated: `--evse a --evse b,c` = [a, b, c]. */
export function listOpt(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  const raw = (Array.isArray(v) ? v : [v]).map(String);
  const items = raw.flatMap((s) => s.split(',')).map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${name} has an empty item`);
  return items;
}

export function flagOpt(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** `NL-PTP` or `NL:PTP` -> `{ countryCode: 'NL', partyId: 'PTP' }`. */
export function party(value: string, what: string): { countryCode: string; partyId: string } {
  const m = /^([A-Za-z]{2})[-:]([A-Za-z0-9]{3})$/.exec(value.trim());
  if (!m) throw new UsageError(`${what} "${value}" must look like NL:PTP (country code : party id)`);
  return { countryCode: (m[1] as string).toUpperCase(), partyId: (m[2] as string).toUpperCase() };
}

export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
