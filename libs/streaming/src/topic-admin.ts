import type { Admin } from 'kafkajs';
import type { KafkaClient } from './create-kafka-client.js';
import { kafkaError } from './kafka-error.js';

/** What {@link ensureTopic} creates. */
export interface TopicSpec {
  readonly topic: string;
  /** @default 1 */
  readonly partitions?: number;
  /** @default 1 (the local broker is a single node) */
  readonly replicationFactor?: number;
  /** How long the broker may take to elect leaders for the new partitions. @default 10_000 */
  readonly timeoutMs?: number;
}

async function withAdmin<T>(
  client: KafkaClient,
  context: Readonly<Record<string, unknown>>,
  fn: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
  } catch (err: unknown) {
    throw kafkaError('KAFKA_CONNECT_FAILED', 'cannot connect to Kafka', err, {
      brokers: client.brokers,
      ...context,
    });
  }
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates `topic` unless it exists and waits until its partitions have leaders. Resolves `true` when it was
 * created, `false` when it already existed (its partition count is left as it is).
 */
export async function ensureTopic(client: KafkaClient, spec: TopicSpec): Promise<boolean> {
  const context = { topic: spec.topic, brokers: client.brokers };
  return withAdmin(client, context, async (admin) => {
    try {
      return await admin.createTopics({
        topics: [
          {
            topic: spec.topic,
            numPartitions: spec.partitions ?? 1,
            replicationFactor: spec.replicationFactor ?? 1,
          },
        ],
        waitForLeaders: true,
        timeout: spec.timeoutMs ?? 10_000,
      });
    } catch (err: unknown) {
      throw kafkaError('KAFKA_ADMIN_FAILED', `cannot create topic ${spec.topic}`, err, context);
    }
  });
}

/** Deletes those of `topics` that exist; topics that do not exist are ignored, so cleanup can run twice. */
export async function deleteTopics(
  client: KafkaClient,
  topics: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  const context = { topics, brokers: client.brokers };
  await withAdmin(client, context, async (admin) => {
    try {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((topic) => existing.has(topic));
      if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: timeoutMs });
    } catch (err: unknown) {
      throw kafkaError('KAFKA_ADMIN_FAILED', `cannot delete topics ${topics.join(', ')}`, err, context);
    }
  });
}
