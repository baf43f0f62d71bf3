import { endpointOf, type Endpoints, type ServiceName } from './endpoints';
import { RefusedError } from './errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

/**
 * The services' admin APIs with the Bearer admin token. OCPI answers come in an envelope
 * (`status_code` 1xxx = success, even under HTTP 200 an error can hide: OCPI 2.2.1 transport chapter);
 * the others answer plain JSON with `{ error: { code, message } }` or Nest's `{ statusCode, message }`.
 */
export class AdminHttp {
  constructor(
    private readonly endpoints: Endpoints,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
    private readonly timeoutMs = 15_000,
  ) {}

  /** Any answer the service gives; throws only when it cannot be reached. */
  async request(service: ServiceName, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const url = `${this.endpoints[service]}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const def = endpointOf(service);
      throw new RefusedError(
        `cannot reach the ${def.label} at ${this.endpoints[service]} (${causeOf(err)}); is it running (npm run up)? ` +
          `Point the CLI elsewhere with --${def.flag} or ${def.env}.`,
        { service },
      );
    }
    const text = await res.text();
    let parsed: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') parsed = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text for the message
    }
    return { status: res.status, body: parsed };
  }

  /** A 2xx answer's body (OCPI: its `data`), or a RefusedError carrying the service's own message. */
  async call<T = unknown>(service: ServiceName, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.request(service, method, path, body);
    return expectOk<T>(service, method, path, answer);
  }
}

export function expectOk<T>(service: ServiceName, method: string, path: string, answer: HttpAnswer): T {
  const ocpi = ocpiEnvelope(answer.body);
  const failed =
    answer.status >= 300 || (ocpi !== undefined && (ocpi.status_code < 1000 || ocpi.status_code >= 2000));
  if (failed) {
    const label = endpointOf(service).label;
    const why = serverMessage(answer.body) ?? 'no message';
    const code = errorCode(answer.body);
    throw new RefusedError(
      `the ${label} refused ${method} ${path} (HTTP ${answer.status}${code ? `, ${code}` : ''}): ${why}`,
      { service, status: answer.status, ...(code ? { code } : {}) },
    );
  }
  return (ocpi ? ocpi.data : answer.body) as T;
}

function ocpiEnvelope(body: unknown): { status_code: number; data?: unknown } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { status_code?: unknown }).status_code;
  return typeof code === 'number' ? (body as { status_code: number; data?: unknown }) : undefined;
}

/** The human part of an error body, whatever the service's error shape. */
export function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b['status_message'] === 'string') return b['status_message'];
  const error = b['error'];
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; issues?: unknown };
    const issues = Array.isArray(e.issues)
      ? e.issues
          .map((i: { path?: unknown; message?: unknown }) =>
            i.path ? `${String(i.path)}: ${String(i.message)}` : String(i.message),
          )
          .join('; ')
      : '';
    const message = typeof e.message === 'string' ? e.message : undefined;
    if (message || issues) return [message, issues].filter(Boolean).join(': ');
  }
  const message = b['message'];
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  if (typeof error === 'string') return error;
  return undefined;
}

function errorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { error?: { code?: unknown }; status_code?: unknown };
  if (typeof b.error?.code === 'string') return b.error.code;
  if (typeof b.status_code === 'number' && (b.status_code < 1000 || b.status_code >= 2000))
    return `OCPI ${b.status_code}`;
  return undefined;
}

function causeOf(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer in time';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
