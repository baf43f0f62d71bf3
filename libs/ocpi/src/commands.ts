import { z } from 'zod';
import { ciId, DateTime, DisplayText, openEnum, Url } from './primitives';
import { Token } from './tokens';

/** CommandType (OpenEnum in 2.3.0). */
export const CommandType = openEnum([
  'CANCEL_RESERVATION',
  'RESERVE_NOW',
  'START_SESSION',
  'STOP_SESSION',
  'UNLOCK_CONNECTOR',
]);

export const StartSession = z.object({
  response_url: Url,
  token: Token,
  location_id: ciId(36),
  evse_uid: ciId(36).optional(),
  connector_id: ciId(36).optional(),
  authorization_reference: ciId(36).optional(),
});
export type StartSession = z.infer<typeof StartSession>;

export const StopSession = z.object({
  response_url: Url,
  session_id: ciId(36),
});
export type StopSession = z.infer<typeof StopSession>;

export const ReserveNow = z.object({
  response_url: Url,
  token: Token,
  expiry_date: DateTime,
  reservation_id: ciId(36),
  location_id: ciId(36),
  evse_uid: ciId(36).optional(),
  authorization_reference: ciId(36).optional(),
});

export const CommandResponseType = z.enum(['NOT_SUPPORTED', 'REJECTED', 'ACCEPTED', 'UNKNOWN_SESSION']);
export type CommandResponseType = z.infer<typeof CommandResponseType>;

export const CommandResponse = z.object({
  result: CommandResponseType,
  timeout: z.number().int().min(0),
  message: z.array(DisplayText).optional(),
});
export type CommandResponse = z.infer<typeof CommandResponse>;

export const CommandResultType = z.enum([
  'ACCEPTED',
  'CANCELED_RESERVATION',
  'EVSE_OCCUPIED',
  'EVSE_INOPERATIVE',
  'FAILED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TIMEOUT',
  'UNKNOWN_RESERVATION',
]);
export type CommandResultType = z.infer<typeof CommandResultType>;

export const CommandResult = z.object({
  result: CommandResultType,
  message: z.array(DisplayText).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;
