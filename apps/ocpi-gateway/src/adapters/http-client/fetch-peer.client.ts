import { encodeTokenHeader } from '@tapcharge/ocpi';
import { randomUUID } from 'node:crypto';
import type { PeerClient, PeerResponse } from '../../application/ports/peer-client.port';
import type { Party } from '../../domain/party';

/**
 * OCPI calls to peers over fetch: base64 token header, X-Request-ID / X-Correlation-ID, the routing headers
 * (FROM = us; TO unknown for absolute response_urls, so omitted) and a deadline on every call.
 */
export class FetchPeerClient implements PeerClient {
  constructor(
    private readonly from: Party,
    private readonly timeoutMs: number,
  ) {}

  async request(
    method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
    url: string,
    token: string | undefined,
    body?: string,
  ): Promise<PeerResponse> {
    const headers: Record<string, string> = {
      'X-Request-ID': randomUUID(),
      'X-Correlation-ID': randomUUID(),
      'OCPI-from-country-code': this.from.countryCode,
      'OCPI-from-party-id': this.from.partyId,
      Accept: 'application/json',
    };
    if (token) headers['Authorization'] = encodeTokenHeader(token);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => (out[k] = v));
    return { httpStatus: res.status, body: parsed as PeerResponse['body'], headers: out };
  }
}
