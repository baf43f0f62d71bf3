import { z } from 'zod';
import { ciId, ciString, CountryCode, DateTime, ocpiString, openEnum, PartyId } from './primitives';

/** TokenType (2.2.1 enum; OpenEnum with `EMAID` in 2.3.0). */
export const TokenType = openEnum(['AD_HOC_USER', 'APP_USER', 'EMAID', 'OTHER', 'RFID'], 36);
export const WhitelistType = z.enum(['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER']);
export const ProfileType = z.enum(['CHEAP', 'FAST', 'GREEN', 'REGULAR']);

export const EnergyContract = z.object({
  supplier_name: ocpiString(64),
  contract_id: ciString(64).optional(),
});

/**
 * Token as a sender passes it in START_SESSION. The CdrToken fields are required; `issuer`, `valid`,
 * `whitelist` and `last_updated` are required by the spec too, but the CPO does not use them (it must not
 * re-check the token), so their absence is tolerated on input (ADR 0005).
 */
export const Token = z.object({
  country_code: CountryCode,
  party_id: PartyId,
  uid: ciId(36),
  type: TokenType,
  contract_id: ciId(36),
  visual_number: ocpiString(64).optional(),
  issuer: ocpiString(64).optional(),
  group_id: ciString(36).optional(),
  valid: z.boolean().optional(),
  whitelist: WhitelistType.optional(),
  language: ocpiString(2).optional(),
  default_profile_type: ProfileType.optional(),
  energy_contract: EnergyContract.optional(),
  last_updated: DateTime.optional(),
});
export type Token = z.infer<typeof Token>;

export const CdrToken = z.object({
  country_code: CountryCode,
  party_id: PartyId,
  uid: ciId(36),
  type: TokenType,
  contract_id: ciId(36),
});
export type CdrToken = z.infer<typeof CdrToken>;

export const AuthMethod = z.enum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']);
