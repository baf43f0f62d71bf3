import type { TopicSpec } from '@tapcharge/contracts';
import { dlqTopicOf } from '@tapcharge/contracts';
import type { Admin, Kafka } from 'kafkajs';
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
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const created: string[] = [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Several services start at once and create the same topics: "already exists" is success, and metadata
    // may lag creation for a moment, so retry until every partition has a leader or the deadline passes.
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = [...wanted].filter(([name]) => !existing.has(name));
        if (missing.length > 0) {
          await createIgnoringExisting(admin, missing, opts.replicationFactor ?? -1);
          created.push(...missing.map(([name]) => name));
        }
        const meta = await admin.fetchTopicMetadata({ topics: [...wanted.keys()] });
        if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
          return created;
        throw new Error('topics without partition leaders yet');
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function createIgnoringExisting(
  admin: Admin,
  topics: Array<[string, TopicSpec]>,
  replicationFactor: number,
): Promise<void> {
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: topics.map(([name, spec]) => ({
        topic: name,
        numPartitions: spec.partitions,
        replicationFactor,
        configEntries: [
          { name: 'cleanup.policy', value: spec.cleanupPolicy },
          ...(spec.retentionMs !== undefined
            ? [{ name: 'retention.ms', value: String(spec.retentionMs) }]
            : []),
        ],
      })),
    });
  } catch (err) {
    const errors = (err as { errors?: Array<{ type?: string }> }).errors;
    if (!errors?.length || !errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw err;
  }
}
