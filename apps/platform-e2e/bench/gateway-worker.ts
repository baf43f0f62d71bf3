/*
 * The cost-limit bench's OCPP gateway, in a process of its own (forked by cost-limit.bench.ts): registers the
 * bench's chargers, then serves them until told to stop. Talks to its parent over IPC only.
 */
import { createLogger } from '@tapcharge/logging';
import { GatewayEnv } from '../../ocpp-gateway/src/config';
import { startGateway, type RunningGateway } from '../../ocpp-gateway/src/gateway';
import type { FromGateway, ToGateway } from './bench-ipc';

const send = (m: FromGateway) => process.send?.(m);
let gateway: RunningGateway | undefined;

async function start(m: Extract<ToGateway, { kind: 'start' }>): Promise<void> {
  const logger = createLogger({ service: 'bench-gateway', level: 'error' });
  gateway = await startGateway(
    GatewayEnv.parse({
      ...m.env,
      OCPP_PORT: '0',
      HTTP_PORT: '0',
      OCPP_HOST: '127.0.0.1',
      HTTP_HOST: '127.0.0.1',
    }),
    { logger, passwordHashLogN: 4 },
  );
  for (const stationId of m.stations) {
    await gateway.admin.register({
      stationId,
      password: m.password,
      connectors: [
        {
          ocppEvseId: 1,
          ocppConnectorId: 1,
          locationId: 'BENCH',
          evseUid: `${stationId}-1`,
          connectorId: '1',
        },
      ],
    });
  }
  send({ kind: 'started', ocppPort: gateway.ocppPort });
}

process.on('message', (m: ToGateway | { kind: 'stop' }) => {
  if (m.kind === 'start')
    start(m).catch((err: unknown) => send({ kind: 'error', message: String((err as Error).stack ?? err) }));
  else if (m.kind === 'stop') void (gateway?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
