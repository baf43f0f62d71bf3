import type { BusinessDetails, OcpiVersion } from '@tapcharge/ocpi';
import type { Party } from '../domain/party';

/** Static facts about this CPO deployment, from config. */
export interface GatewayContext {
  cpo: Party;
  businessDetails: BusinessDetails;
  /** Public base URL of the OCPI API, ending in `/ocpi` (no trailing slash). */
  ocpiBaseUrl: string;
  /** Receipts live at `invoiceBaseUrl` + authorization_reference (ends in `/`). */
  invoiceBaseUrl: string;
  /** Default limit incl. VAT when the tariff gives none, decimal string. */
  defaultPreauthAmount: string;
  /** Seconds a PTP should wait for the CommandResult (CommandResponse.timeout). */
  commandTimeoutSeconds: number;
  maxPageSize: number;
  /** Assign all our Locations to a newly registered Terminal (PATCH on the PTP). */
  autoAssignTerminals: boolean;
  producer: string;
  now: () => Date;
}

export const SUPPORTED_VERSIONS: readonly OcpiVersion[] = ['2.3.0', '2.2.1'];

export const versionUrl = (ctx: GatewayContext, v: OcpiVersion) => `${ctx.ocpiBaseUrl}/${v}`;
export const versionsUrl = (ctx: GatewayContext) => `${ctx.ocpiBaseUrl}/versions`;
