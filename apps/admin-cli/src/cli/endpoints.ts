import { UsageError } from './errors';

export type ServiceName = 'ocpi' | 'ocppAdmin' | 'ocppWs' | 'tariff' | 'engine' | 'billing';

export interface EndpointDef {
  service: ServiceName;
  /** What the service is, for messages. */
  label: string;
  flag: string;
  env: string;
  /** `npm run up`'s address (tools/dev/services.json; a unit test keeps them equal). */
  fallback: string;
}

export const ENDPOINTS: readonly EndpointDef[] = [
  {
    service: 'ocpi',
    label: 'OCPI gateway',
    flag: 'ocpi-url',
    env: 'TAPCHARGE_OCPI_URL',
    fallback: 'http://127.0.0.1:8080',
  },
  {
    service: 'ocppAdmin',
    label: 'OCPP gateway admin API',
    flag: 'ocpp-admin-url',
    env: 'TAPCHARGE_OCPP_ADMIN_URL',
    fallback: 'http://127.0.0.1:9001',
  },
  {
    service: 'ocppWs',
    label: 'OCPP websocket endpoint (printed for chargers)',
    flag: 'ocpp-ws-url',
    env: 'TAPCHARGE_OCPP_WS_URL',
    fallback: 'ws://127.0.0.1:9000/ocpp',
  },
  {
    service: 'tariff',
    label: 'tariff service',
    flag: 'tariff-url',
    env: 'TAPCHARGE_TARIFF_URL',
    fallback: 'http://127.0.0.1:8082',
  },
  {
    service: 'engine',
    label: 'session engine',
    flag: 'engine-url',
    env: 'TAPCHARGE_ENGINE_URL',
    fallback: 'http://127.0.0.1:9101',
  },
  {
    service: 'billing',
    label: 'billing service',
    flag: 'billing-url',
    env: 'TAPCHARGE_BILLING_URL',
    fallback: 'http://127.0.0.1:8083',
  },
];

/** `npm run up`'s development token (tools/dev/services.mjs); every deployment sets its own. */
export const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';

export type Endpoints = Record<ServiceName, string>;

/** Flag, else environment variable, else the local default; trailing slashes dropped. */
export function resolveEndpoints(
  flags: Record<string, unknown>,
  env: Record<string, string | undefined>,
): Endpoints {
  const out = {} as Endpoints;
  for (const e of ENDPOINTS) {
    const fromFlag = flags[e.flag];
    const raw = (typeof fromFlag === 'string' ? fromFlag : undefined) ?? env[e.env] ?? e.fallback;
    const wantWs = e.service === 'ocppWs';
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UsageError(`--${e.flag} / ${e.env}: "${raw}" is not a URL`);
    }
    const ok = wantWs ? ['ws:', 'wss:'].includes(url.protocol) : ['http:', 'https:'].includes(url.protocol);
    if (!ok) {
      throw new UsageError(
        `--${e.flag} / ${e.env}: "${raw}" must be a ${wantWs ? 'ws:// or wss://' : 'http(s)://'} URL`,
      );
    }
    out[e.service] = raw.replace(/\/+$/, '');
  }
  return out;
}

export function endpointOf(service: ServiceName): EndpointDef {
  return ENDPOINTS.find((e) => e.service === service) as EndpointDef;
}
