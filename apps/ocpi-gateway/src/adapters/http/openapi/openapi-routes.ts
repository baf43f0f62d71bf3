import {
  CommandResponse,
  Credentials,
  FinancialAdviceConfirmation,
  FinancialAdviceConfirmationInput,
  locationSchemaFor,
  Connector,
  Evse,
  sessionSchemaFor,
  cdrSchemaFor,
  StartSession,
  StopSession,
  Terminal,
  TerminalInput,
  tariffSchemaFor,
  Version,
  VersionDetails,
  OCPI_VERSIONS,
  type OcpiVersion,
} from '@tapcharge/ocpi';
import { z } from 'zod';
import type { Access } from '../ocpi-auth.guard';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template (`{param}`). */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /** Schema of the envelope's `data` on success. */
  data?: z.ZodType;
  paginated?: boolean;
  /** Success HTTP status (default 200). */
  created?: boolean;
}

/**
 * The OCPI routes we serve, per version, with the zod schemas the handlers validate with. The OpenAPI
 * document is generated from this list, and a test checks it against the routes Nest actually registered.
 */
export function routeDocs(): RouteDoc[] {
  const routes: RouteDoc[] = [
    {
      method: 'get',
      path: '/ocpi/versions',
      summary: 'Versions we support',
      access: 'token-a',
      data: z.array(Version),
    },
  ];
  for (const v of OCPI_VERSIONS) routes.push(...versionRoutes(v));
  routes.push(
    {
      method: 'post',
      path: '/ocpi/2.3.0/payments/terminals',
      summary: 'PTP creates a Terminal',
      access: 'registered',
      body: TerminalInput,
      data: Terminal,
      created: true,
    },
    {
      method: 'get',
      path: '/ocpi/2.3.0/payments/terminals',
      summary: 'Your Terminals (paginated)',
      access: 'registered',
      data: z.array(Terminal),
      paginated: true,
    },
    {
      method: 'get',
      path: '/ocpi/2.3.0/payments/terminals/{terminal_id}',
      summary: 'Our copy of a Terminal',
      access: 'registered',
      data: Terminal,
    },
    {
      method: 'post',
      path: '/ocpi/2.3.0/payments/financial-advice-confirmations',
      summary: 'PTP confirms a capture (FinancialAdviceConfirmation)',
      access: 'registered',
      body: FinancialAdviceConfirmationInput,
      data: FinancialAdviceConfirmation,
      created: true,
    },
    {
      method: 'get',
      path: '/ocpi/2.3.0/payments/financial-advice-confirmations',
      summary: 'Your FinancialAdviceConfirmations (paginated)',
      access: 'registered',
      data: z.array(FinancialAdviceConfirmation),
      paginated: true,
    },
    {
      method: 'get',
      path: '/ocpi/2.3.0/payments/financial-advice-confirmations/{financial_advice_confirmation_id}',
      summary: 'Our copy of a FinancialAdviceConfirmation',
      access: 'registered',
      data: FinancialAdviceConfirmation,
    },
  );
  return routes;
}

function versionRoutes(v: OcpiVersion): RouteDoc[] {
  const base = `/ocpi/${v}`;
  return [
    { method: 'get', path: base, summary: `Version details ${v}`, access: 'token-a', data: VersionDetails },
    {
      method: 'get',
      path: `${base}/credentials`,
      summary: 'Our credentials',
      access: 'token-a',
      data: Credentials,
    },
    {
      method: 'post',
      path: `${base}/credentials`,
      summary: 'Register (token A -> B -> C)',
      access: 'token-a',
      body: Credentials,
      data: Credentials,
    },
    {
      method: 'put',
      path: `${base}/credentials`,
      summary: 'Update credentials / rotate token',
      access: 'token-a',
      body: Credentials,
      data: Credentials,
    },
    { method: 'delete', path: `${base}/credentials`, summary: 'Unregister', access: 'token-a' },
    {
      method: 'get',
      path: `${base}/locations`,
      summary: 'Locations (paginated)',
      access: 'registered',
      data: z.array(locationSchemaFor(v)),
      paginated: true,
    },
    {
      method: 'get',
      path: `${base}/locations/{location_id}`,
      summary: 'One Location',
      access: 'registered',
      data: locationSchemaFor(v),
    },
    {
      method: 'get',
      path: `${base}/locations/{location_id}/{evse_uid}`,
      summary: 'One EVSE',
      access: 'registered',
      data: Evse,
    },
    {
      method: 'get',
      path: `${base}/locations/{location_id}/{evse_uid}/{connector_id}`,
      summary: 'One Connector',
      access: 'registered',
      data: Connector,
    },
    {
      method: 'get',
      path: `${base}/tariffs`,
      summary: 'Tariffs (paginated)',
      access: 'registered',
      data: z.array(tariffSchemaFor(v)),
      paginated: true,
    },
    {
      method: 'get',
      path: `${base}/sessions`,
      summary: 'Your Sessions (paginated)',
      access: 'registered',
      data: z.array(sessionSchemaFor(v)),
      paginated: true,
    },
    {
      method: 'get',
      path: `${base}/cdrs`,
      summary: 'Your CDRs (paginated)',
      access: 'registered',
      data: z.array(cdrSchemaFor(v)),
      paginated: true,
    },
    {
      method: 'post',
      path: `${base}/commands/START_SESSION`,
      summary: 'Start a session',
      access: 'registered',
      body: StartSession,
      data: CommandResponse,
    },
    {
      method: 'post',
      path: `${base}/commands/STOP_SESSION`,
      summary: 'Stop a session',
      access: 'registered',
      body: StopSession,
      data: CommandResponse,
    },
  ];
}

let compiled: Array<{ pattern: RegExp; method: string }> | undefined;

/**
 * The methods our OCPI API serves on a concrete path (e.g. `/ocpi/2.3.0/locations/LOC-1`), from the same
 * route list as the OpenAPI document; [] when the path is not one of ours. Lets a wrong method get 405 with
 * an `Allow` header instead of 404.
 */
export function allowedMethods(path: string): string[] {
  compiled ??= routeDocs().map((r) => ({
    pattern: new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    method: r.method.toUpperCase(),
  }));
  return [...new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method))];
}
