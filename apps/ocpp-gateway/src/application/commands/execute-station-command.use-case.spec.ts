import {
  createEvent,
  StationCommandRequestedV1,
  type EventEnvelope,
  type StationCommandCompletedPayload,
} from '@tapcharge/contracts';
import type { OcppVersion } from '@tapcharge/ocpp';
import { createLogger } from '@tapcharge/logging';
import type { ChargerLink } from '../ports/charger-link.port';
import type { StationPresence } from '../ports/station-presence.port';
import { ExecuteStationCommand, type CommandRouting } from './execute-station-command.use-case';

const NOW = new Date('2026-03-01T10:00:00.000Z');

function scenario(opts: {
  heldHere?: boolean;
  /** Connects to this instance while the OFFLINE grace runs. */
  connectsDuringGrace?: boolean;
  owner?: string;
  claimWins?: boolean;
  requestedAt?: string;
}) {
  let held = opts.heldHere ?? false;
  const published: EventEnvelope[] = [];
  const sent: string[] = [];
  const routings: CommandRouting[] = [];
  const claims: string[] = [];
  const completed: Array<[string, string, number]> = [];
  const link: ChargerLink = {
    localProtocol: (): OcppVersion | undefined => (held ? 'ocpp1.6' : undefined),
    call: async (_id, action) => {
      sent.push(action);
      return { status: 'Accepted' };
    },
    release: async () => false,
  };
  const presence: StationPresence = {
    connected: () => undefined,
    disconnected: () => undefined,
    ownerOf: async () => opts.owner,
    claimAnswer: async (id) => {
      claims.push(id);
      return opts.claimWins ?? true;
    },
  };
  const useCase = new ExecuteStationCommand({
    link,
    presence,
    remoteStarts: { remember: async () => undefined, match: async () => undefined },
    sink: { publish: async (events) => void published.push(...events) },
    clock: { now: () => NOW },
    producer: 'ocpp-gateway',
    instanceId: 'gw-1',
    log: createLogger({ service: 'test', level: 'silent' }),
    offlineGraceMs: 1_000,
    sleep: async () => {
      if (opts.connectsDuringGrace) held = true;
    },
    onRouting: (r) => routings.push(r),
    onCompleted: (kind, status, seconds) => completed.push([kind, status, seconds]),
  });
  const command = createEvent(
    StationCommandRequestedV1,
    {
      commandId: 'cmd-1',
      stationId: 'CP-1',
      command: { kind: 'TriggerMessage', message: 'Heartbeat' },
      timeoutMs: 30_000,
      requestedAt: opts.requestedAt ?? NOW.toISOString(),
    },
    { producer: 'session-engine' },
  );
  return {
    run: () => useCase.execute(command),
    statuses: () => published.map((e) => (e.payload as StationCommandCompletedPayload).status),
    sent,
    routings,
    claims,
    completed,
  };
}

describe('ExecuteStationCommand: which instance answers a command (ADR 0004 §3)', () => {
  it('should deliver a command for a socket held here and publish the answer', async () => {
    const s = scenario({ heldHere: true });
    await s.run();
    expect(s.sent).toEqual(['TriggerMessage']);
    expect(s.statuses()).toEqual(['ACCEPTED']);
    expect(s.routings).toEqual(['delivered']);
  });

  it('should report each answer it publishes with the time since the request (command latency metric)', async () => {
    const s = scenario({ heldHere: true, requestedAt: new Date(NOW.getTime() - 1_500).toISOString() });
    await s.run();
    expect(s.completed).toEqual([['TriggerMessage', 'ACCEPTED', 1.5]]);
    const silent = scenario({ owner: 'gw-2' });
    await silent.run();
    expect(silent.completed).toEqual([]);
  });

  it('should stay silent when another live instance holds the station', async () => {
    const s = scenario({ owner: 'gw-2' });
    await s.run();
    expect(s.sent).toEqual([]);
    expect(s.statuses()).toEqual([]);
    expect(s.routings).toEqual(['held-elsewhere']);
  });

  it('should answer OFFLINE after the grace when nobody holds the station and this instance claims it', async () => {
    const s = scenario({});
    await s.run();
    expect(s.claims).toEqual(['cmd-1']);
    expect(s.statuses()).toEqual(['OFFLINE']);
    expect(s.routings).toEqual(['offline']);
  });

  it('should stay silent when another instance claimed the OFFLINE answer first', async () => {
    const s = scenario({ claimWins: false });
    await s.run();
    expect(s.statuses()).toEqual([]);
    expect(s.routings).toEqual(['offline-answered-elsewhere']);
  });

  it('should treat stale presence naming this instance as offline (its socket is gone)', async () => {
    const s = scenario({ owner: 'gw-1' });
    await s.run();
    expect(s.statuses()).toEqual(['OFFLINE']);
  });

  it('should deliver a command to a station that connected here during the grace', async () => {
    const s = scenario({ connectsDuringGrace: true });
    await s.run();
    expect(s.claims).toEqual([]);
    expect(s.sent).toEqual(['TriggerMessage']);
    expect(s.statuses()).toEqual(['ACCEPTED']);
  });

  it('should answer TIMEOUT without sending a command whose deadline passed before delivery', async () => {
    const s = scenario({ heldHere: true, requestedAt: '2026-03-01T09:59:00.000Z' });
    await s.run();
    expect(s.sent).toEqual([]);
    expect(s.statuses()).toEqual(['TIMEOUT']);
    expect(s.routings).toEqual(['expired']);
  });
});
