import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerConsumerLag } from '@tapcharge/service-runtime';
import type { EngineMetrics } from '../application/ports';

/** Prometheus metrics of the engine: sessions by state, cost-limit stops, stop latency, batches. */
export class PromEngineMetrics implements EngineMetrics {
  readonly registry = new Registry();
  private readonly transitions: Counter<'to'>;
  private readonly stops: Counter<'trigger'>;
  private readonly meterToStop: Histogram;
  private readonly timerToStop: Histogram;
  private readonly meterDecision: Histogram;
  private readonly batchSeconds: Histogram;

  constructor(
    countByState: () => Record<string, number>,
    consumerLag: () => Record<string, number> = () => ({}),
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.transitions = new Counter({
      name: 'session_transitions_total',
      help: 'Session state transitions by target state',
      labelNames: ['to'],
      registers: [this.registry],
    });
    this.stops = new Counter({
      name: 'cost_limit_stops_total',
      help: 'Sessions stopped by the cost-limit loop',
      labelNames: ['trigger'],
      registers: [this.registry],
    });
    this.meterToStop = new Histogram({
      name: 'meter_values_to_remote_stop_seconds',
      help: 'MeterValues batch received -> RemoteStop published',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [this.registry],
    });
    this.timerToStop = new Histogram({
      name: 'cost_limit_timer_to_remote_stop_seconds',
      help: 'Cost-limit timer due -> RemoteStop published (how late the timer path runs)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [this.registry],
    });
    this.meterDecision = new Histogram({
      name: 'meter_values_decision_seconds',
      help: 'MeterValues batch received -> cost-limit decision made (stop sent or timer armed), every sample',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [this.registry],
    });
    this.batchSeconds = new Histogram({
      name: 'engine_batch_seconds',
      help: 'Time to handle one consumed batch',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [this.registry],
    });
    registerConsumerLag(this.registry, consumerLag);
    new Gauge({
      name: 'sessions_in_memory',
      help: 'Sessions held by this engine instance, by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [state, n] of Object.entries(countByState())) this.set({ state }, n);
      },
    });
  }

  sessionState(_from: string | undefined, to: string): void {
    this.transitions.inc({ to });
  }

  costLimitStop(trigger: 'METER_VALUES' | 'TIMER'): void {
    this.stops.inc({ trigger });
  }

  meterToStopLatency(ms: number): void {
    this.meterToStop.observe(ms / 1000);
  }

  timerToStopLatency(ms: number): void {
    this.timerToStop.observe(Math.max(0, ms) / 1000);
  }

  meterDecisionLatency(ms: number): void {
    this.meterDecision.observe(ms / 1000);
  }

  batch(_events: number, _sessions: number, ms: number): void {
    this.batchSeconds.observe(ms / 1000);
  }
}
