import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one gateway process (`GET /metrics`). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly connectedStations = new Gauge({
    name: 'ocpp_connected_stations',
    help: 'WebSocket connections held',
    registers: [this.registry],
  });
  readonly inboundCalls = new Counter({
    name: 'ocpp_inbound_calls_total',
    help: 'CALLs received from chargers',
    labelNames: ['protocol', 'action'] as const,
    registers: [this.registry],
  });
  readonly callErrors = new Counter({
    name: 'ocpp_callerrors_sent_total',
    help: 'CALLERRORs answered to chargers (ours and strict validation)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly tolerated = new Counter({
    name: 'ocpp_tolerated_deviations_total',
    help: 'Frames accepted despite deviating from the schema (tolerant readers)',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  readonly badFrames = new Counter({
    name: 'ocpp_bad_frames_total',
    help: 'Unparseable or malformed frames',
    registers: [this.registry],
  });
  readonly authRefused = new Counter({
    name: 'ocpp_upgrades_refused_total',
    help: 'WebSocket upgrades refused',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'ocpp_commands_total',
    help: 'Station commands completed',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'ocpp_command_seconds',
    help: 'Station command requested (StationCommandRequested) -> answer published, by kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly commandRouting = new Counter({
    name: 'ocpp_command_routing_total',
    help: 'How this instance dealt with each StationCommandRequested (delivered, held elsewhere, offline...)',
    labelNames: ['routing'] as const,
    registers: [this.registry],
  });
  readonly handlerSeconds = new Histogram({
    name: 'ocpp_inbound_handler_seconds',
    help: 'Time from CALL to answer (includes the Kafka ack)',
    labelNames: ['action'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly publishSeconds = new Histogram({
    name: 'ocpp_kafka_publish_seconds',
    help: 'Time from handing events to the Kafka publisher to the broker ack (batched produce)',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /**
   * `consumerLag`: messages behind the high watermark per `topic/partition` of the gateway's consumers
   * (EventConsumer.lag(), as of each one's last batch); the same gauge the session engine exports.
   */
  constructor(consumerLag: () => Record<string, number> = () => ({})) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages behind the high watermark per topic/partition, as of the last batch',
      labelNames: ['partition'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [partition, n] of Object.entries(consumerLag())) this.set({ partition }, n);
      },
    });
  }
}
