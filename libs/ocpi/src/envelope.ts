import { z } from 'zod';
import { DateTime, toOcpiDateTime } from './primitives';

/** OCPI status codes (status_codes.asciidoc). */
export const OcpiStatus = {
  SUCCESS: 1000,
  CLIENT_ERROR: 2000,
  INVALID_PARAMETERS: 2001,
  NOT_ENOUGH_INFORMATION: 2002,
  UNKNOWN_LOCATION: 2003,
  UNKNOWN_TOKEN: 2004,
  SERVER_ERROR: 3000,
  UNABLE_TO_USE_CLIENT_API: 3001,
  UNSUPPORTED_VERSION: 3002,
  NO_MATCHING_ENDPOINTS: 3003,
} as const;
export type OcpiStatusCode = (typeof OcpiStatus)[keyof typeof OcpiStatus];

export const isOcpiSuccess = (code: number) => code >= 1000 && code < 2000;

/** The response envelope of every OCPI call; `data` per endpoint. */
export function ocpiResponseSchema<T extends z.ZodType>(data: T) {
  return z.object({
    data: data.optional(),
    status_code: z.number().int().min(1000).max(4999),
    status_message: z.string().optional(),
    timestamp: DateTime,
  });
}

/** Envelope with `data` of any shape (for peers' responses whose data the spec leaves open). */
export const AnyOcpiResponse = z.object({
  data: z.unknown().optional(),
  status_code: z.number().int(),
  status_message: z.string().optional(),
  timestamp: z.string().optional(),
});
export type AnyOcpiResponse = z.infer<typeof AnyOcpiResponse>;

export interface OcpiResponse<T> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

export function ocpiSuccess<T>(data?: T, now: Date = new Date()): OcpiResponse<T> {
  const body: OcpiResponse<T> = { status_code: OcpiStatus.SUCCESS, timestamp: toOcpiDateTime(now) };
  if (data !== undefined) body.data = data;
  return body;
}

export function ocpiError(statusCode: number, message: string, now: Date = new Date()): OcpiResponse<never> {
  return { status_code: statusCode, status_message: message, timestamp: toOcpiDateTime(now) };
}
