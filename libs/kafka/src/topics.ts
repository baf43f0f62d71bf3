import type { TopicSpec } from '@tapcharge/contracts';
import { dlqTopicOf } from '@tapcharge/contracts';
import type { Kafka } from 'kafkajs';
import { namespacedTopic } from './client';

export interface EnsureTopicsOptions {
  namespace?: string;
  /** Also create `<topic>.dlq` for each topic (default true). */
  withDeadLetters?: boolean;
  replicationFactor?: number;
  timeoutMs?: number;
}

/**
 * Creates the topics that do not exist yet, with their partition counts and cleanup policy; idempotent.
 * Brokers run with auto-creation off, so a topic exists only because this (or the infra scripts) made it.
 * Returns the names created.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: TopicSpec[],
  opts: EnsureTopicsOptions = {},
): Promise<string[]> {
  const wanted = new Map<string, TopicSpec>();
  for (const spec of specs) {
    wanted.set(namespacedTopic(spec.name, opts.namespace), spec);
    if (opts.withDeadLetters ?? true) {
      wanted.set(namespacedTopic(dlqTopicOf(spec.name), opts.namespace), {
        ...spec,
        cleanupPolicy: 'delete',
      });
    }
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...wanted].filter(([name]) => !existing.has(name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      timeout: opts.timeoutMs ?? 30_000,
      topics: missing.map(([name, spec]) => ({
        topic: name,
        numPartitions: spec.partitions,
        replicationFactor: opts.replicationFactor ?? -1,
        configEntries: [
          { name: 'cleanup.policy', value: spec.cleanupPolicy },
          ...(spec.retentionMs !== undefined
            ? [{ name: 'retention.ms', value: String(spec.retentionMs) }]
            : []),
        ],
      })),
    });
    return missing.map(([name]) => name);
  } finally {
    await admin.disconnect();
  }
}
