import type { Credentials, OcpiVersion } from '@tapcharge/ocpi';
import { versionsUrl, type GatewayContext } from '../gateway-context';

/** Our Credentials object, carrying the token the peer must use to call us. */
export function ourCredentials(ctx: GatewayContext, token: string, _version: OcpiVersion): Credentials {
  return {
    token,
    url: versionsUrl(ctx),
    roles: [
      {
        role: 'CPO',
        business_details: ctx.businessDetails,
        party_id: ctx.cpo.partyId,
        country_code: ctx.cpo.countryCode,
      },
    ],
  };
}
