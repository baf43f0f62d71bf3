import {
  createEvent,
  decodeEvent,
  StationCommandCompletedV1,
  type EventEnvelope,
  type StationCommandCompletedPayload,
} from '@tapcharge/contracts';
import { createKafka, EventPublisher, namespacedTopic } from '@tapcharge/kafka';
import { infraEnv, waitFor } from '@tapcharge/testing';
import { SimulatedStation } from '@tapcharge/station-simulator';
import type { Consumer } from 'kafkajs';
import type { RunningGateway } from '../src/gateway';
import { PASSWORD, startHarness, type Harness } from './gateway-harness';

/**
 * Every StationCommandCompleted message as it is on the topic, duplicates included (EventConsumer and
 * the recorder drop repeated event ids, which would hide a second answer).
 */
class RawCompletions {
  readonly messages: EventEnvelope[] = [];
  private readonly consumer: Consumer;

  constructor(private readonly namespace: string) {
    const kafka = createKafka({ brokers: infraEnv().KAFKA_BROKERS.split(','), clientId: `${namespace}-raw` });
    this.consumer = kafka.consumer({ groupId: `${namespace}-raw-completions` });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: namespacedTopic(StationCommandCompletedV1.topic.name, this.namespace),
      fromBeginning: true,
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.messages.push(decodeEvent(message.value));
      },
    });
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  of(command: EventEnvelope): EventEnvelope[] {
    return this.messages.filter((m) => m.causationId === command.eventId);
  }
}

const routed = async (g: RunningGateway): Promise<number> =>
  (await g.metrics.commandRouting.get()).values.reduce((sum, v) => sum + v.value, 0);

describe('two gateway instances: a command reaches the instance holding the socket (ADR 0004 §3)', () => {
  let h: Harness;
  let one: RunningGateway;
  let two: RunningGateway;
  let urlTwo: string;
  let raw: RawCompletions;
  let marker: EventPublisher;
  const stations: SimulatedStation[] = [];
  const calls = new Map<SimulatedStation, string[]>();

  const station = (id: string, url: string) => {
    const s = new SimulatedStation({
      id,
      protocol: 'ocpp1.6',
      url,
      password: PASSWORD,
      autoReconnect: false,
    });
    const seen: string[] = [];
    s.on('csmsCall', (e) => seen.push(e.action));
    calls.set(s, seen);
    stations.push(s);
    return s;
  };

  /**
   * Publishes a command and waits until both instances decided about it and its answer (if any) is
   * readable; then the topic holds every completion the command will ever get. The barrier: a marker
   * with the same key, published after both decisions, is consumed after anything published before it
   * on that partition.
   */
  async function commandAndSettle(stationId: string): Promise<EventEnvelope[]> {
    const before = (await routed(one)) + (await routed(two));
    const command = await h.command(stationId, { kind: 'TriggerMessage', message: 'Heartbeat' });
    await waitFor(async () => (await routed(one)) + (await routed(two)) >= before + 2, {
      timeoutMs: 20_000,
      description: `both instances deciding about the command for ${stationId}`,
    });
    await h.recorder.waitFor(
      (e) => e.type === 'StationCommandCompleted' && e.causationId === command.eventId,
      20_000,
      `the completion for ${stationId}`,
    );
    const barrier = createEvent(
      StationCommandCompletedV1,
      {
        commandId: `barrier-${command.eventId}`,
        stationId,
        kind: 'TriggerMessage',
        status: 'ERROR',
        detail: 'test barrier',
        completedAt: new Date().toISOString(),
      },
      { producer: 'test' },
    );
    await marker.publish(barrier);
    await waitFor(() => raw.messages.some((m) => m.eventId === barrier.eventId), {
      description: 'the barrier on the completion topic',
    });
    return raw.of(command);
  }

  beforeAll(async () => {
    h = await startHarness({ INSTANCE_ID: 'gw-one' });
    one = h.gateway;
    ({ gateway: two, url: urlTwo } = await h.startInstance({ INSTANCE_ID: 'gw-two' }));
    for (const id of ['TWO-A', 'TWO-B', 'TWO-GHOST']) await h.register(id, 'ocpp1.6');
    raw = new RawCompletions(h.namespace);
    await raw.start();
    marker = new EventPublisher(
      createKafka({ brokers: infraEnv().KAFKA_BROKERS.split(','), clientId: `${h.namespace}-marker` }),
      { namespace: h.namespace },
    );
    await marker.start();
  });

  afterAll(async () => {
    for (const s of stations) await s.shutdown();
    await marker?.stop();
    await raw?.stop();
    await h?.stop();
  });

  it('should run on two ports with two instance ids', () => {
    expect(one.instanceId).toBe('gw-one');
    expect(two.instanceId).toBe('gw-two');
    expect(one.ocppPort).not.toBe(two.ocppPort);
  });

  it('should deliver each station its own command through the instance that holds it, answered once', async () => {
    const a = station('TWO-A', h.url);
    const b = station('TWO-B', urlTwo);
    await a.start();
    await b.start();
    expect(one.ocpp.localProtocol('TWO-A')).toBe('ocpp1.6');
    expect(two.ocpp.localProtocol('TWO-B')).toBe('ocpp1.6');

    const forA = await commandAndSettle('TWO-A');
    expect(forA.map((m) => (m.payload as StationCommandCompletedPayload).status)).toEqual(['ACCEPTED']);
    expect(forA[0]?.producer).toBe('ocpp-gateway');
    expect(calls.get(a)).toEqual(['TriggerMessage']);
    expect(calls.get(b)).toEqual([]);

    const forB = await commandAndSettle('TWO-B');
    expect(forB.map((m) => (m.payload as StationCommandCompletedPayload).status)).toEqual(['ACCEPTED']);
    expect(calls.get(a)).toEqual(['TriggerMessage']);
    expect(calls.get(b)).toEqual(['TriggerMessage']);
  });

  it('should answer a command for a station connected nowhere with exactly one OFFLINE', async () => {
    const answers = await commandAndSettle('TWO-GHOST');
    expect(answers.map((m) => (m.payload as StationCommandCompletedPayload).status)).toEqual(['OFFLINE']);
  });

  it('should let a reconnect to the other instance take over, and send later commands there', async () => {
    const old = stations.find((s) => s.id === 'TWO-A');
    if (!old) throw new Error('station TWO-A was not started');
    const oldClosed = old.next('disconnected');
    const moved = station('TWO-A', urlTwo);
    await moved.start();
    const closed = await oldClosed;
    expect(closed.code).toBe(4001);
    expect(closed.reason).toContain('gw-two');
    await waitFor(() => one.ocpp.localProtocol('TWO-A') === undefined || undefined, {
      description: 'instance one letting go of TWO-A',
    });
    expect(two.ocpp.localProtocol('TWO-A')).toBe('ocpp1.6');

    const answers = await commandAndSettle('TWO-A');
    expect(answers.map((m) => (m.payload as StationCommandCompletedPayload).status)).toEqual(['ACCEPTED']);
    expect(calls.get(moved)).toEqual(['TriggerMessage']);
    expect(calls.get(old)).toEqual(['TriggerMessage']); // only the first command, before the move
  });
});
