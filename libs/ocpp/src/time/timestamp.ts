/**
 * Tolerant reading of OCPP timestamps. The schemas require RFC 3339 `date-time` (a `Z` or `±HH:MM`
 * offset), but real firmware sends `+03`, `+0300` or no zone at all (see the gateway research digest,
 * §1.5). Transaction messages must never be refused for that (OCPP 1.6 §4.7/§4.8), so they are read here.
 */

export interface NormalisedTimestamp {
  /** UTC ISO 8601 with milliseconds, e.g. `2025-04-25T12:38:39.000Z`. */
  iso: string;
  /** True when the charger sent no zone and UTC was assumed. */
  assumedUtc: boolean;
}

const ISO_LIKE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function normaliseTimestamp(value: unknown): NormalisedTimestamp | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return undefined;
  const [, date, time, zone] = m;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0];
    const digits = zone.slice(1).replace(':', '');
    offset = `${sign}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
  }
  const ms = Date.parse(`${date}T${time}${offset}`);
  if (Number.isNaN(ms)) return undefined;
  return { iso: new Date(ms).toISOString(), assumedUtc: zone === undefined };
}
