// The seeded chargers of deploy/seed/stations.json as simulated stations, for `npm run up`: every station
// connects with its own demo password, plugs a car into each connector and waits for remote starts.
// AC stations (OCPP 1.6) charge at 22 kW, DC stations (2.0.1) at 150 kW tapering; samples every 10 s.
import { readFileSync } from 'node:fs';
import { createFleet, parsePowerCurve, SimClock, startAll, type SimulatedStation } from '@tapcharge/station-simulator';

interface SeedStation {
  stationId: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  password: string;
  connectors: Array<{ ocppEvseId: number }>;
}

const url = process.env['OCPP_URL'] ?? 'ws://127.0.0.1:9000/ocpp';
const seedFile = process.env['STATIONS_SEED'] ?? 'deploy/seed/stations.json';
const intervalS = Number(process.env['DEMO_METER_INTERVAL_S'] ?? 10);
const seed = (JSON.parse(readFileSync(seedFile, 'utf8')) as { stations: SeedStation[] }).stations;
const log = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...o })}\n`);

async function main(): Promise<void> {
  const stations: SimulatedStation[] = [];
  for (const protocol of ['ocpp1.6', 'ocpp2.0.1'] as const) {
    const group = seed.filter((s) => s.protocol === protocol);
    if (group.length === 0) continue;
    stations.push(
      ...createFleet({
        url,
        count: group.length,
        ids: group.map((s) => s.stationId),
        protocol,
        passwordOf: (id) => group.find((s) => s.stationId === id)?.password,
        connectors: Math.max(...group.map((s) => s.connectors.length)),
        meterIntervalSeconds: intervalS,
        powerCurve: parsePowerCurve(protocol === 'ocpp1.6' ? 'constant:22' : 'taper:150:80'),
        battery: { capacityKwh: 77, startSoc: 15 },
        clock: new SimClock(1),
        stopLatencyMs: 2_000,
        acceptRemoteStart: true,
      }),
    );
  }
  for (const s of stations) {
    s.on('transactionStarted', ({ tx }) => log({ station: s.id, event: 'transactionStarted', idTag: tx.idTag }));
    s.on('transactionStopped', (e) => log({ station: s.id, event: 'transactionStopped', reason: e.reason, meterStopWh: Math.round(e.meterStopWh) }));
    s.on('disconnected', (e) => log({ station: s.id, event: 'disconnected', ...e }));
    s.on('refused', (e) => log({ station: s.id, event: 'refused', ...e }));
  }
  const failures = await startAll(stations);
  for (const f of failures) log({ station: f.station.id, event: 'startFailed', error: f.error.message });
  for (const s of stations.filter((x) => x.isOnline)) {
    const seedStation = seed.find((x) => x.stationId === s.id);
    for (const c of seedStation?.connectors ?? []) await s.plugIn(c.ocppEvseId);
  }
  // `npm run up` waits for this line to say which chargers are online.
  log({
    event: 'fleet ready',
    online: stations.filter((s) => s.isOnline).map((s) => s.id),
    stations: stations.map((s) => ({ id: s.id, url: `${url}/${s.id}`, online: s.isOnline })),
  });
  const stop = async () => {
    await Promise.all(stations.map((s) => s.shutdown()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: Error) => {
  process.stderr.write(`demo fleet: ${err.message}\n`);
  process.exit(1);
});
