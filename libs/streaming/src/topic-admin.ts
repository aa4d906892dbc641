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

/** How far a consumer group is behind the end of a topic, per partition and in all. */
export interface ConsumerGroupLag {
  readonly partitions: readonly {
    readonly partition: number;
    /** Offset the next produced message gets (the high watermark). */
    readonly endOffset: number;
    /** Offset the group resumes from; 0 when it has committed nothing on the partition. */
    readonly committedOffset: number;
    readonly lag: number;
  }[];
  /** Messages produced and not yet committed by the group. */
  readonly total: number;
}

/**
 * The group's committed offsets against the topic's end offsets. Cheap (two broker requests), so it suits a
 * progress display or waiting for a consumer to catch up: a consumer that commits only after it has processed a
 * message has processed everything once the lag is 0.
 */
export async function consumerGroupLag(
  client: KafkaClient,
  options: { readonly topic: string; readonly groupId: string },
): Promise<ConsumerGroupLag> {
  const context = { topic: options.topic, groupId: options.groupId, brokers: client.brokers };
  return withAdmin(client, context, async (admin) => {
    try {
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(options.topic),
        admin.fetchOffsets({ groupId: options.groupId, topics: [options.topic] }),
      ]);
      const committedBy = new Map(
        (committed[0]?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]),
      );
      const partitions = ends
        .map((e) => {
          const endOffset = Number(e.high);
          const committedOffset = committedBy.get(e.partition) ?? 0;
          return {
            partition: e.partition,
            endOffset,
            committedOffset,
            lag: Math.max(0, endOffset - committedOffset),
          };
        })
        .sort((a, b) => a.partition - b.partition);
      return { partitions, total: partitions.reduce((n, p) => n + p.lag, 0) };
    } catch (err: unknown) {
      throw kafkaError(
        'KAFKA_ADMIN_FAILED',
        `cannot read the offsets of group ${options.groupId}`,
        err,
        context,
      );
    }
  });
}
