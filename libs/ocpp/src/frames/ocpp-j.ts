/**
 * OCPP-J RPC framing (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): CALL `[2,id,action,payload]`,
 * CALLRESULT `[3,id,payload]`, CALLERROR `[4,id,code,description,details]`.
 */

export type OcppVersion = 'ocpp1.6' | 'ocpp2.0.1';
export const OCPP_VERSIONS: readonly OcppVersion[] = ['ocpp2.0.1', 'ocpp1.6'];

export const MessageTypeId = { CALL: 2, CALLRESULT: 3, CALLERROR: 4 } as const;

export type CallFrame = [2, string, string, Record<string, unknown>];
export type CallResultFrame = [3, string, Record<string, unknown>];
export type CallErrorFrame = [4, string, string, string, Record<string, unknown>];
export type OcppFrame = CallFrame | CallResultFrame | CallErrorFrame;

/** The version-neutral error codes; spelling per version via `errorCodeFor`. */
export type RpcErrorCode =
  | 'NotImplemented'
  | 'NotSupported'
  | 'InternalError'
  | 'ProtocolError'
  | 'SecurityError'
  | 'FormatViolation'
  | 'PropertyConstraintViolation'
  | 'OccurrenceConstraintViolation'
  | 'TypeConstraintViolation'
  | 'GenericError'
  | 'RpcFrameworkError'
  | 'MessageTypeNotSupported';

/**
 * OCPP-J 1.6 §4.2.3 spells two codes differently from 2.0.1: `FormationViolation` and the misspelt
 * `OccurenceConstraintViolation`. 1.6 has no RpcFrameworkError / MessageTypeNotSupported (GenericError).
 */
export function errorCodeFor(version: OcppVersion, code: RpcErrorCode): string {
  if (version === 'ocpp2.0.1') return code;
  switch (code) {
    case 'FormatViolation':
      return 'FormationViolation';
    case 'OccurrenceConstraintViolation':
      return 'OccurenceConstraintViolation';
    case 'RpcFrameworkError':
    case 'MessageTypeNotSupported':
      return 'GenericError';
    default:
      return code;
  }
}

/** Every CALLERROR code either version defines, in both spellings. */
export const ALL_ERROR_CODES: ReadonlySet<string> = new Set([
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormatViolation',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurrenceConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
  'RpcFrameworkError',
  'MessageTypeNotSupported',
]);

export type ParsedFrame = { ok: true; frame: OcppFrame } | { ok: false; reason: string; messageId?: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one text frame; never throws. A 1.6 `null` CALL payload is read as `{}` (OCPP-J 1.6 §4.2.1). */
export function parseFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!Array.isArray(raw) || raw.length < 3) return { ok: false, reason: 'not an OCPP-J array' };
  const [type, id] = raw as unknown[];
  if (typeof id !== 'string' || id.length === 0 || id.length > 36) {
    return { ok: false, reason: 'bad message id' };
  }
  if (type === MessageTypeId.CALL && raw.length === 4 && typeof raw[2] === 'string') {
    const payload = raw[3] === null ? {} : raw[3];
    if (!isObject(payload)) return { ok: false, reason: 'CALL payload is not an object', messageId: id };
    return { ok: true, frame: [2, id, raw[2], payload] };
  }
  if (type === MessageTypeId.CALLRESULT && raw.length === 3) {
    const payload = raw[2] === null ? {} : raw[2];
    if (!isObject(payload))
      return { ok: false, reason: 'CALLRESULT payload is not an object', messageId: id };
    return { ok: true, frame: [3, id, payload] };
  }
  if (type === MessageTypeId.CALLERROR && raw.length >= 4 && typeof raw[2] === 'string') {
    const details = isObject(raw[4]) ? raw[4] : {};
    return { ok: true, frame: [4, id, raw[2], typeof raw[3] === 'string' ? raw[3] : '', details] };
  }
  return { ok: false, reason: `unsupported frame (type ${String(type)})`, messageId: id };
}
