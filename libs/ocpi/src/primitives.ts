import { z } from 'zod';

/** The OCPI versions this library speaks. */
export const OCPI_VERSIONS = ['2.2.1', '2.3.0'] as const;
export const OcpiVersion = z.enum(OCPI_VERSIONS);
export type OcpiVersion = z.infer<typeof OcpiVersion>;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// OCPI `string`: printable UTF-8, i.e. no control characters (CR, LF, TAB...). Spelled as the explicit
// range of Unicode category Cc (C0, DEL, C1) rather than \p{Cc}, so the pattern in our OpenAPI document
// works in every regex dialect (schemathesis/Python cannot generate from \p{...}).
// eslint-disable-next-line no-control-regex
const PRINTABLE_UTF8 = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** OCPI CiString(n): printable ASCII, at most `max` characters (types.asciidoc). */
export const ciString = (max: number) =>
  z.string().max(max, `at most ${max} characters`).regex(PRINTABLE_ASCII, 'only printable ASCII allowed');

/** A non-empty CiString(n), for identifiers. */
export const ciId = (max: number) => ciString(max).min(1, 'must not be empty');

/** OCPI string(n): printable UTF-8, at most `max` characters. */
export const ocpiString = (max: number) =>
  z.string().max(max, `at most ${max} characters`).regex(PRINTABLE_UTF8, 'no control characters allowed');

// RFC 3339 in UTC; the designator `Z` is optional (absence implies UTC), fractional seconds allowed.
// Offsets such as `+00:00` are not allowed by OCPI.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z?$/;

/**
 * OCPI DateTime. Accepts the value with or without the trailing `Z` (and with fractional seconds) and
 * normalises it to the strict form we emit: `YYYY-MM-DDTHH:MM:SS[.sss]Z`.
 */
export const DateTime = z
  .string()
  .regex(DATE_TIME, 'expected an RFC 3339 UTC timestamp like 2025-01-31T12:00:00Z')
  .refine((v) => !Number.isNaN(Date.parse(v.endsWith('Z') ? v : `${v}Z`)), 'not a valid date/time')
  .overwrite((v) => normalizeDateTime(v));

/** Normalises a wire DateTime (with or without `Z`, any fraction) to `...Z` with at most milliseconds. */
export function normalizeDateTime(v: string): string {
  const withZone = v.endsWith('Z') ? v : `${v}Z`;
  const m = /^(.{19})(\.\d+)?Z$/.exec(withZone);
  if (!m) return withZone;
  const fraction = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  return `${m[1]}${fraction === '.000' ? '' : fraction}Z`;
}

/** Formats an instant as an OCPI DateTime (`Z`, second precision unless milliseconds are set). */
export function toOcpiDateTime(at: Date | string | number): string {
  const iso = new Date(at).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** OCPI URL: string(255) following the w3 URI spec. */
export const Url = z
  .string()
  .max(255, 'at most 255 characters')
  .regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s]+$/, { message: 'expected an absolute URL', abort: true })
  // the pattern lets through what no URL parser takes (`http://[x`); our events carry only parseable URLs
  .refine((u) => URL.canParse(u), 'expected an absolute URL');

/**
 * A URL as a peer sends it where the spec's own examples use non-URLs (e.g. Terminal `invoice_base_url`
 * "someNewURL"): any printable string(255). We emit proper URLs.
 */
export const LenientUrl = ocpiString(255);

export const DisplayText = z.object({
  language: ocpiString(2).min(2, 'expected an ISO 639-1 code'),
  text: ocpiString(512),
});
export type DisplayText = z.infer<typeof DisplayText>;

export const GeoLocation = z.object({
  latitude: z
    .string()
    .max(10, 'at most 10 characters')
    .regex(/^-?[0-9]{1,2}\.[0-9]{5,7}$/, 'expected a latitude like 52.37403'),
  longitude: z
    .string()
    .max(11, 'at most 11 characters')
    .regex(/^-?[0-9]{1,3}\.[0-9]{5,7}$/, 'expected a longitude like 4.88969'),
});
export type GeoLocation = z.infer<typeof GeoLocation>;

/** ISO 3166 alpha-2 country code of a party (CiString(2)). */
export const CountryCode = ciString(2).length(2, 'expected 2 characters');
/** OCPI party id (CiString(3)). */
export const PartyId = ciString(3).min(1, 'must not be empty');
/** ISO 4217 currency code (string(3)). */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like EUR');

/** OpenEnum (2.3.0): known values, plus any other value a newer peer may send. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T, max = 255) {
  return z.union([z.enum(values), ciString(max).min(1)]);
}

/** A finite JSON number. */
export const OcpiNumber = z.number().refine(Number.isFinite, 'expected a finite number');

/**
 * A money amount (Price, TaxAmount): a finite number below 10^15 in size, so it converts to the exact
 * decimal strings of our events (libs/contracts DecimalString). More precision than that is float noise.
 */
export const OcpiAmount = OcpiNumber.refine(
  (n) => Math.abs(n) < 1e15,
  'amount out of range (at most 15 digits)',
);
