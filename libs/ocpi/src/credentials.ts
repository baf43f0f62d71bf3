import { z } from 'zod';
import { ciString, CountryCode, ocpiString, PartyId, Url } from './primitives';

export const ImageCategory = z.enum([
  'CHARGER',
  'ENTRANCE',
  'LOCATION',
  'NETWORK',
  'OPERATOR',
  'OTHER',
  'OWNER',
]);

export const Image = z.object({
  url: Url,
  thumbnail: Url.optional(),
  category: ImageCategory,
  type: ciString(4).min(1),
  width: z.number().int().min(0).max(99999).optional(),
  height: z.number().int().min(0).max(99999).optional(),
});

export const BusinessDetails = z.object({
  name: ocpiString(100).min(1),
  website: Url.optional(),
  logo: Image.optional(),
});
export type BusinessDetails = z.infer<typeof BusinessDetails>;

/**
 * Role. The spec's enum has no PTP value (digest 1.7.2): a PTP registers as `OTHER`, or sends `PTP` as an
 * extension; both are accepted. `HUB` exists in 2.2.1 only.
 */
export const Role = z.enum(['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP', 'PTP']);
export type Role = z.infer<typeof Role>;

export const CredentialsRole = z.object({
  role: Role,
  business_details: BusinessDetails,
  party_id: PartyId,
  country_code: CountryCode,
});
export type CredentialsRole = z.infer<typeof CredentialsRole>;

/** Credentials token: printable, non-whitespace ASCII (U+0021-U+007E), at most 64 characters. */
export const CredentialsToken = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'only printable non-whitespace ASCII allowed');

export const Credentials = z.object({
  token: CredentialsToken,
  url: Url,
  /** 2.3.0: country code + party id of the hub, when the peer is one. */
  hub_party_id: ciString(5).optional(),
  roles: z.array(CredentialsRole).min(1, 'at least one role'),
});
export type Credentials = z.infer<typeof Credentials>;
