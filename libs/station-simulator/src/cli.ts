/* Station simulator CLI: `node -r @swc-node/register libs/station-simulator/src/cli.ts --help` */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SimClock } from './clock';
import { createFleet, startAll } from './fleet';
import { parsePowerCurve } from './power-curve';

const HELP = `Simulated OCPP charging stations (1.6J / 2.0.1) against a CSMS.

Usage: station-simulator [options]

  --url <ws-url>            CSMS endpoint without identity     (default ws://127.0.0.1:9000/ocpp);
                            wss://... for security profile 2 (TLS)
  --ca <pem-file>           CA certificate(s) to trust for wss:// (e.g. a self-signed server
                            certificate); default: the system's trusted CAs
  --count <n>               number of stations                  (default 1)
  --protocol <p>            ocpp1.6 | ocpp2.0.1 | mixed          (default ocpp1.6)
  --prefix <text>           station id prefix, ids <prefix>00001 (default SIM-)
  --ids <a,b,...>           exact station ids (instead of --count/--prefix)
  --password <text>         Basic Auth password (profile 1/2)
  --connectors <n>          connectors per station              (default 1)
  --meter-interval <s>      simulated seconds between samples   (default 60)
  --power <curve>           constant:<kW> | taper:<kW>:<SoC%>   (default constant:22)
  --clock-factor <x>        simulated time runs x times faster  (default 1)
  --stop-latency <ms>       delay before a remote stop happens  (default 0)
  --reject-start            reject remote starts
  --start-local <idTag>     start a local transaction on connector 1 of every station
  --duration <s>            run this long, then stop (default: until Ctrl-C)
  --help                    this text

Example: the seeded 1.6 station of deploy/seed/stations.json, a local transaction, 2 s meter values:
  node -r @swc-node/register libs/station-simulator/src/cli.ts --ids CP-16-001 \\
    --password demo-password-cp16-001 --meter-interval 2 --start-local CARD-1 --duration 10

Example: security profile 2 against a gateway with OCPP_TLS_CERT_FILE=/tmp/cert.pem (self-signed):
  node -r @swc-node/register libs/station-simulator/src/cli.ts --url wss://127.0.0.1:9000/ocpp \\
    --ca /tmp/cert.pem --ids CP-16-001 --password demo-password-cp16-001 --duration 10

Example: 5 stations, 2.0.1, 10 s meter interval, ten times faster clock:
  node -r @swc-node/register libs/station-simulator/src/cli.ts --count 5 --protocol ocpp2.0.1 \\
    --password demo-password-0001 --meter-interval 10 --clock-factor 10 --start-local CARD-1
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'ws://127.0.0.1:9000/ocpp' },
      count: { type: 'string', default: '1' },
      protocol: { type: 'string', default: 'ocpp1.6' },
      prefix: { type: 'string', default: 'SIM-' },
      ids: { type: 'string' },
      password: { type: 'string' },
      ca: { type: 'string' },
      connectors: { type: 'string', default: '1' },
      'meter-interval': { type: 'string', default: '60' },
      power: { type: 'string', default: 'constant:22' },
      'clock-factor': { type: 'string', default: '1' },
      'stop-latency': { type: 'string', default: '0' },
      'reject-start': { type: 'boolean', default: false },
      'start-local': { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const protocol = values.protocol;
  if (protocol !== 'ocpp1.6' && protocol !== 'ocpp2.0.1' && protocol !== 'mixed') {
    throw new Error(`--protocol must be ocpp1.6, ocpp2.0.1 or mixed`);
  }
  const stations = createFleet({
    url: values.url,
    count: Number(values.count),
    protocol,
    idPrefix: values.prefix,
    ...(values.ids ? { ids: values.ids.split(',').map((id) => id.trim()) } : {}),
    password: values.password,
    ...(values.ca ? { ca: readFileSync(values.ca) } : {}),
    connectors: Number(values.connectors),
    meterIntervalSeconds: Number(values['meter-interval']),
    powerCurve: parsePowerCurve(values.power),
    battery: { capacityKwh: 60, startSoc: 20 },
    clock: new SimClock(Number(values['clock-factor'])),
    stopLatencyMs: Number(values['stop-latency']),
    acceptRemoteStart: !values['reject-start'],
  });
  const log = (o: Record<string, unknown>) =>
    process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...o })}\n`);
  for (const s of stations) {
    s.on('booted', (e) => log({ station: s.id, event: 'booted', ...e }));
    s.on('csmsCall', (e) => log({ station: s.id, event: 'csmsCall', action: e.action, answer: e.answer }));
    s.on('transactionStarted', ({ tx }) =>
      log({ station: s.id, event: 'transactionStarted', idTag: tx.idTag }),
    );
    s.on('transactionStopped', (e) =>
      log({
        station: s.id,
        event: 'transactionStopped',
        transactionId: e.tx.transactionId,
        reason: e.reason,
        meterStopWh: Math.round(e.meterStopWh),
      }),
    );
    s.on('disconnected', (e) => log({ station: s.id, event: 'disconnected', ...e }));
    s.on('refused', (e) => log({ station: s.id, event: 'refused', ...e }));
  }
  const failures = await startAll(stations);
  log({ event: 'started', stations: stations.length - failures.length, failed: failures.length });
  for (const f of failures.slice(0, 10))
    log({ station: f.station.id, event: 'startFailed', error: f.error.message });
  if (values['start-local']) {
    const idTag = values['start-local'];
    await Promise.all(stations.filter((s) => s.isOnline).map((s) => s.startTransaction(1, idTag)));
  }
  const stop = async () => {
    await Promise.all(stations.map((s) => s.shutdown()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (values.duration) setTimeout(() => void stop(), Number(values.duration) * 1000);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
