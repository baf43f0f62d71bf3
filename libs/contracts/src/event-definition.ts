import type { z } from 'zod';

/** Kafka topic settings the infra scripts and `ensureTopics` create; never auto-created. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** `compact` for latest-value-per-key topics (e.g. tariffs). */
  readonly cleanupPolicy: 'delete' | 'compact';
  readonly retentionMs?: number;
}

/**
 * One event type: its name, major version, topic, payload schema and partition key.
 * Changing `type`, `version` or the topic name breaks consumers in production: add a v2 instead.
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly topic: TopicSpec;
  readonly schema: TSchema;
  /** Partition key: the aggregate id (stationId for OCPP traffic, sessionId after that). */
  readonly keyOf: (payload: z.infer<TSchema>) => string;
}

export type PayloadOf<D extends EventDefinition> = z.infer<D['schema']>;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  def: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> {
  return Object.freeze(def);
}

/** Default partition count: every topic one consumer group co-reads has the same count (co-partitioning). */
export const DEFAULT_PARTITIONS = 6;

export function topic(name: string, overrides: Partial<Omit<TopicSpec, 'name'>> = {}): TopicSpec {
  return Object.freeze({
    name,
    partitions: DEFAULT_PARTITIONS,
    cleanupPolicy: 'delete' as const,
    ...overrides,
  });
}
