import type { OcppVersion } from '../frames/ocpp-j';

/** What the CSMS wants a charger to do, version-neutral (mirrors the contracts' StationCommand). */
export type OutboundCommand =
  | {
      kind: 'StartTransaction';
      ocppEvseId: number;
      ocppConnectorId: number;
      idTag: string;
      remoteStartId: number;
    }
  | { kind: 'StopTransaction'; transactionId: string }
  | { kind: 'SetMeterInterval'; intervalSeconds: number }
  | {
      kind: 'TriggerMessage';
      message: 'MeterValues' | 'StatusNotification' | 'Heartbeat' | 'BootNotification';
      ocppEvseId?: number;
    };

export interface OcppCall {
  action: string;
  payload: Record<string, unknown>;
}

export class UnmappableCommand extends Error {
  readonly code = 'OCPP.UNMAPPABLE_COMMAND';
}

/**
 * The OCPP call for a command. 1.6: RemoteStartTransaction / RemoteStopTransaction (§5.11/§5.12),
 * ChangeConfiguration `MeterValueSampleInterval` (§9.1.17), TriggerMessage (§5.17). 2.0.1:
 * RequestStartTransaction (F01, `idToken.type` Central for a CSMS-issued token) / RequestStopTransaction
 * (F03), SetVariables `SampledDataCtrlr.TxUpdatedInterval` (Part 2 Appendix), TriggerMessage (F06).
 */
export function callFor(version: OcppVersion, command: OutboundCommand): OcppCall {
  switch (command.kind) {
    case 'StartTransaction':
      return version === 'ocpp1.6'
        ? {
            action: 'RemoteStartTransaction',
            payload: { connectorId: command.ocppConnectorId, idTag: command.idTag },
          }
        : {
            action: 'RequestStartTransaction',
            payload: {
              idToken: { idToken: command.idTag, type: 'Central' },
              remoteStartId: command.remoteStartId,
              evseId: command.ocppEvseId,
            },
          };
    case 'StopTransaction': {
      if (version === 'ocpp2.0.1') {
        return { action: 'RequestStopTransaction', payload: { transactionId: command.transactionId } };
      }
      const id = Number(command.transactionId);
      if (!Number.isInteger(id)) {
        throw new UnmappableCommand(`1.6 transactionId must be an integer, got ${command.transactionId}`);
      }
      return { action: 'RemoteStopTransaction', payload: { transactionId: id } };
    }
    case 'SetMeterInterval':
      return version === 'ocpp1.6'
        ? {
            action: 'ChangeConfiguration',
            payload: { key: 'MeterValueSampleInterval', value: String(command.intervalSeconds) },
          }
        : {
            action: 'SetVariables',
            payload: {
              setVariableData: [
                {
                  component: { name: 'SampledDataCtrlr' },
                  variable: { name: 'TxUpdatedInterval' },
                  attributeValue: String(command.intervalSeconds),
                },
              ],
            },
          };
    case 'TriggerMessage':
      if (version === 'ocpp1.6') {
        const payload: Record<string, unknown> = { requestedMessage: command.message };
        if (command.ocppEvseId !== undefined && command.ocppEvseId > 0)
          payload['connectorId'] = command.ocppEvseId;
        return { action: 'TriggerMessage', payload };
      } else {
        const payload: Record<string, unknown> = { requestedMessage: command.message };
        if (command.ocppEvseId !== undefined && command.ocppEvseId > 0)
          payload['evse'] = { id: command.ocppEvseId };
        return { action: 'TriggerMessage', payload };
      }
  }
}

export interface CommandOutcome {
  accepted: boolean;
  /** The charger's status word(s), e.g. `Accepted`, `Rejected`, `NotSupported`. */
  detail: string;
  /** 2.0.1 RequestStartTransaction: a transaction already existed (cable plugged in first). */
  transactionId?: string;
}

const ACCEPTING = new Set(['Accepted', 'RebootRequired']);

/** Reads the charger's CALLRESULT for a command; an unexpected shape counts as not accepted. */
export function outcomeOf(call: OcppCall, response: unknown): CommandOutcome {
  const r = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
  if (call.action === 'SetVariables') {
    const results = Array.isArray(r['setVariableResult']) ? (r['setVariableResult'] as unknown[]) : [];
    const statuses = results.map((x) => String((x as Record<string, unknown>)?.['attributeStatus']));
    const accepted = statuses.length > 0 && statuses.every((s) => ACCEPTING.has(s));
    return { accepted, detail: statuses.join(',') || 'no setVariableResult' };
  }
  const status = typeof r['status'] === 'string' ? r['status'] : 'missing status';
  const outcome: CommandOutcome = { accepted: ACCEPTING.has(status), detail: status };
  if (typeof r['transactionId'] === 'string') outcome.transactionId = r['transactionId'];
  return outcome;
}
