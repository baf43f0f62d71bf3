import type { OCPPPlugin, OCPPServerClient } from 'ocpp-ws-io';

/**
 * OCPP-J 1.6 §4.2.1 allows `null` as the payload of a CALL without fields (`[2,"id","Heartbeat",null]`,
 * sent by some firmware); ocpp-ws-io answers it with FormationViolation and counts it as a bad message.
 * This plugin takes such frames off the library's path on 1.6 connections and answers them through our
 * dispatcher as if the payload were `{}`.
 */
export function nullPayloadPlugin(
  dispatch: (
    client: OCPPServerClient,
    call: { action: string; messageId: string },
  ) => Promise<Record<string, unknown>>,
): OCPPPlugin {
  return {
    name: 'ocpp16-null-payload',
    onBeforeReceive: (client, rawData) => {
      if (client.protocol !== 'ocpp1.6') return undefined;
      const text =
        typeof rawData === 'string'
          ? rawData
          : Buffer.isBuffer(rawData)
            ? rawData.toString('utf8')
            : undefined;
      if (!text || !/,\s*null\s*\]\s*$/.test(text)) return undefined;
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (!Array.isArray(frame) || frame.length !== 4 || frame[0] !== 2 || frame[3] !== null)
        return undefined;
      const [, messageId, action] = frame as [2, unknown, unknown, null];
      if (typeof messageId !== 'string' || typeof action !== 'string') return undefined;
      dispatch(client, { action, messageId })
        .then((result) => client.sendRaw(JSON.stringify([3, messageId, result])))
        .catch((err: Error & { rpcErrorCode?: string }) =>
          client.sendRaw(
            JSON.stringify([4, messageId, err.rpcErrorCode ?? 'InternalError', err.message, {}]),
          ),
        );
      return false;
    },
  };
}
