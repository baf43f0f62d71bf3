/*
 * A slice of the cost-limit bench's simulated chargers, in a process of its own (forked by
 * cost-limit.bench.ts). Each charger runs its sessions on the bench's accelerated timeline; the parent tells
 * it when the driver unplugs. The car ends a session by itself after `evEndsAfterMin` simulated minutes.
 */
import {
  createFleet,
  parsePowerCurve,
  SimClock,
  startAll,
  type SimulatedStation,
} from '@tapcharge/station-simulator';
import type { FromChargers, ToChargers } from './bench-ipc';

const send = (m: FromChargers) => process.send?.(m);
const stations = new Map<string, SimulatedStation>();
let evTimer: NodeJS.Timeout | undefined;

async function connect(m: Extract<ToChargers, { kind: 'connect' }>): Promise<void> {
  for (const st of m.stations) {
    const [sim] = createFleet({
      url: m.url,
      count: 1,
      ids: [st.stationId],
      protocol: st.protocol,
      password: m.password,
      meterIntervalSeconds: st.intervalS,
      powerCurve: parsePowerCurve(`constant:${st.powerKw}`),
      // The engine's timeline: simulated = origin + (wall - origin) x speed.
      clock: new SimClock(m.speed, m.originMs + (Date.now() - m.originMs) * m.speed),
      stopLatencyMs: Math.round((st.latencyS * 1000) / m.speed),
      acceptRemoteStart: true,
    });
    stations.set(st.stationId, sim!);
  }
  const failed = await startAll([...stations.values()]);
  const evEndsAfterMs = m.evEndsAfterMin * 60_000;
  evTimer = setInterval(() => {
    for (const s of stations.values()) {
      const tx = s.transaction(1);
      if (tx && s.clock.nowMs() - Date.parse(tx.startedAt) > evEndsAfterMs)
        void s.stopTransaction(1, 'EVDisconnected').catch(() => undefined);
    }
  }, 500);
  send({
    kind: 'connected',
    failed: failed.length,
    ...(failed[0] ? { firstError: failed[0].error.message } : {}),
  });
}

process.on('message', (m: ToChargers) => {
  switch (m.kind) {
    case 'connect':
      connect(m).catch((err: unknown) => send({ kind: 'error', message: String(err) }));
      break;
    case 'unplug': {
      const s = stations.get(m.stationId);
      if (!s) {
        send({ kind: 'unplugged', id: m.id, error: `unknown station ${m.stationId}` });
        break;
      }
      s.unplug(1).then(
        () => send({ kind: 'unplugged', id: m.id }),
        (err: unknown) => send({ kind: 'unplugged', id: m.id, error: String(err) }),
      );
      break;
    }
    case 'stop':
      if (evTimer) clearInterval(evTimer);
      void Promise.all([...stations.values()].map((s) => s.shutdown())).finally(() => process.exit(0));
      break;
  }
});
process.on('disconnect', () => process.exit(0));
