import type { AnyOcpiResponse } from '@tapcharge/ocpi';

export interface PeerResponse {
  httpStatus: number;
  /** The parsed OCPI envelope, when the body was one. */
  body: AnyOcpiResponse | undefined;
  headers: Record<string, string>;
}

/** Outgoing OCPI HTTP calls. Never throws for HTTP errors; throws on network failure or timeout. */
export interface PeerClient {
  request(
    method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
    url: string,
    token: string | undefined,
    body?: string,
  ): Promise<PeerResponse>;
}
