import type { OcppVersion } from '@tapcharge/ocpp';
import { acknowledge, authorize, dataTransfer } from './authorize.handler';
import { bootNotification, heartbeat } from './boot-notification.handler';
import { InboundRejection, type InboundCall, type InboundDeps, type InboundHandler } from './inbound.types';
import { meterValues16, meterValues201 } from './meter-values.handler';
import { startTransaction16 } from './start-transaction.handler';
import { statusNotification } from './status-notification.handler';
import { stopTransaction16 } from './stop-transaction.handler';
import { transactionEvent201 } from './transaction-event.handler';

const HANDLERS: Readonly<Record<OcppVersion, Readonly<Record<string, InboundHandler>>>> = {
  'ocpp1.6': {
    BootNotification: bootNotification,
    Heartbeat: heartbeat,
    StatusNotification: statusNotification,
    Authorize: authorize,
    StartTransaction: startTransaction16,
    MeterValues: meterValues16,
    StopTransaction: stopTransaction16,
    DataTransfer: dataTransfer,
    FirmwareStatusNotification: acknowledge,
    DiagnosticsStatusNotification: acknowledge,
  },
  'ocpp2.0.1': {
    BootNotification: bootNotification,
    Heartbeat: heartbeat,
    StatusNotification: statusNotification,
    Authorize: authorize,
    TransactionEvent: transactionEvent201,
    MeterValues: meterValues201,
    NotifyEvent: acknowledge,
    NotifyReport: acknowledge,
    SecurityEventNotification: acknowledge,
    FirmwareStatusNotification: acknowledge,
    LogStatusNotification: acknowledge,
  },
};

/** Actions the gateway answers, per version (the rest get NotImplemented). */
export function handledActions(version: OcppVersion): string[] {
  return Object.keys(HANDLERS[version]);
}

/**
 * Routes a charger's CALL to its handler. Calls of one connection run one after another (ocpp-ws-io
 * dispatches in wire order but does not await async handlers), so a StartTransaction is recorded before
 * the MeterValues that follow it and their events reach Kafka in wire order.
 */
export class InboundDispatcher {
  private readonly chains = new WeakMap<object, Promise<unknown>>();

  constructor(private readonly deps: InboundDeps) {}

  dispatch(connection: object, call: InboundCall): Promise<Record<string, unknown>> {
    this.deps.status.seen(call.stationId, call.receivedAt);
    const handler = HANDLERS[call.protocol][call.action];
    if (!handler) {
      return Promise.reject(new InboundRejection('NotImplemented', `${call.action} is not implemented`));
    }
    const previous = this.chains.get(connection) ?? Promise.resolve();
    const run = () => handler(call, this.deps);
    const result = previous.then(run, run);
    this.chains.set(
      connection,
      result.catch(() => undefined),
    );
    return result;
  }
}
