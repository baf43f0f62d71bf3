/*
 * One simulator process of the OCPP bench (forked by ocpp.bench.ts): holds a slice of the simulated
 * stations, so the simulator's own CPU and event loop are measured apart from the bench's Kafka consumer
 * and the gateway. Talks to its parent over IPC only.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { OcppVersion } from '@tapcharge/ocpp';
import { createFleet, startAll, type SimulatedStation } from '@tapcharge/station-simulator';

export type ToWorker =
  | {
      kind: 'connect';
      url: string;
      ids: string[];
      protocol: OcppVersion;
      password: string;
      meterIntervalSeconds: number;
      /** Handshakes in flight at once while connecting. */
      concurrency: number;
    }
  | { kind: 'charge'; count: number; concurrency: number }
  | { kind: 'stats' }
  | { kind: 'stop' };

export interface WorkerStats {
  /** MeterValues (1.6) / TransactionEvent Updated (2.0.1) frames answered by the gateway so far. */
  answered: number;
  /** Meter frames created (offered) so far. */
  offered: number;
  cpuMicros: number;
  eventLoopP50Ms: number;
  eventLoopP99Ms: number;
  rssBytes: number;
}

export type FromWorker =
  | { kind: 'connected'; ok: number; failed: number; firstError?: string }
  | { kind: 'charging'; started: number; failed: number }
  | { kind: 'stats'; stats: WorkerStats };

const send = (m: FromWorker) => process.send?.(m);

let fleet: SimulatedStation[] = [];
let answered = 0;
let offered = 0;
const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();

async function charge(count: number, concurrency: number): Promise<void> {
  const stations = fleet.filter((s) => s.isOnline).slice(0, count);
  let failed = 0;
  let next = 0;
  const worker = async () => {
    for (let s = stations[next++]; s; s = stations[next++]) {
      await s.startTransaction(1, `BENCH${next}`).catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  send({ kind: 'charging', started: stations.length - failed, failed });
}

process.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'connect':
      fleet = createFleet({
        url: m.url,
        count: m.ids.length,
        ids: m.ids,
        protocol: m.protocol,
        password: m.password,
        meterIntervalSeconds: m.meterIntervalSeconds,
        heartbeats: false,
        reconnectDelayMs: 5_000,
      });
      for (const s of fleet) {
        s.on('meterValues', ({ reading }) => {
          if (reading.context === 'Sample.Periodic') offered++;
        });
        s.on('sent', (e) => {
          const periodic =
            e.action === 'MeterValues' ||
            (e.action === 'TransactionEvent' && e.payload['eventType'] === 'Updated');
          if (e.response && periodic) answered++;
        });
      }
      void startAll(fleet, m.concurrency).then((failures) =>
        send({
          kind: 'connected',
          ok: fleet.length - failures.length,
          failed: failures.length,
          ...(failures[0] ? { firstError: failures[0].error.message } : {}),
        }),
      );
      break;
    case 'charge':
      void charge(m.count, m.concurrency);
      break;
    case 'stats': {
      const cpu = process.cpuUsage();
      send({
        kind: 'stats',
        stats: {
          answered,
          offered,
          cpuMicros: cpu.user + cpu.system,
          eventLoopP50Ms: eld.percentile(50) / 1e6,
          eventLoopP99Ms: eld.percentile(99) / 1e6,
          rssBytes: process.memoryUsage.rss(),
        },
      });
      eld.reset();
      break;
    }
    case 'stop':
      void Promise.all(fleet.map((s) => s.shutdown())).finally(() => process.exit(0));
      break;
  }
});
