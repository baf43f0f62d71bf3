import type { InboundHandler } from './inbound.types';

/**
 * Authorize (1.6 §4.1, 2.0.1 C01). tapcharge issues one idTag per paid session and sends it with the
 * remote start; a charger configured with AuthorizeRemoteTxRequests asks about exactly that idTag.
 * Other tokens (RFID cards) are not a payment means here: Invalid.
 */
export const authorize: InboundHandler = async (call, deps) => {
  const p = (call.params ?? {}) as Record<string, unknown>;
  const idTag =
    call.protocol === 'ocpp1.6' ? p['idTag'] : ((p['idToken'] ?? {}) as Record<string, unknown>)['idToken'];
  const pending =
    typeof idTag === 'string'
      ? await deps.remoteStarts.match({ stationId: call.stationId, idTag })
      : undefined;
  const status = pending ? 'Accepted' : 'Invalid';
  return call.protocol === 'ocpp1.6' ? { idTagInfo: { status } } : { idTokenInfo: { status } };
};

/** Messages we take note of but do not act on: answered so firmware chatter never gets NotImplemented. */
export const acknowledge: InboundHandler = async () => ({});

/** DataTransfer (1.6 §4.3): no vendor extensions are supported. */
export const dataTransfer: InboundHandler = async () => ({ status: 'UnknownVendorId' });
