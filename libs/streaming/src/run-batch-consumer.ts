import type { Consumer } from 'kafkajs';
import type { KafkaClient } from './create-kafka-client.js';
import { kafkaError } from './kafka-error.js';

/** One consumed message, decoupled from kafkajs types. */
export interface ConsumedMessage {
  /** Offset as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** When the broker appended it (or the producer stamped it), epoch ms. */
  readonly timestampMs: number;
}

/** Messages fetched from one partition. */
export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** Offset after the partition's last message: `highWatermark - 1 - lastOffset` is the lag behind it. */
  readonly highWatermark: string;
}

/** What a batch handler may do besides processing. */
export interface BatchControl {
  /** Marks everything up to and including `offset` as done and commits it for the group. */
  commit(offset: string): Promise<void>;
  /** Keeps the group membership alive during long processing. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was reassigned: stop and return. */
  isRunning(): boolean;
}

/** Settings of {@link runBatchConsumer}. */
export interface BatchConsumerOptions {
  readonly topic: string;
  /** Consumer group; offsets are committed for it. */
  readonly groupId: string;
  /** Where a group without committed offsets starts: the oldest retained message or only new ones. */
  readonly fromBeginning: boolean;
  /** Longest time the broker holds a fetch to collect `minBytes`. */
  readonly maxWaitMs: number;
  /** Bytes the broker tries to collect before answering a fetch. */
  readonly minBytes: number;
  /** Most bytes fetched per partition in one request. */
  readonly maxBytesPerPartition: number;
  /** Partitions processed at the same time. */
  readonly partitionsConcurrently: number;
  /** Called when the consumer crashes and will not restart by itself. */
  readonly onCrash?: (error: unknown) => void;
}

/** A running consumer. */
export interface RunningConsumer {
  /** Lets the batch in progress finish its current step, then leaves the group. */
  stop(): Promise<void>;
}

/**
 * Consumes `topic` in batches per partition. Offsets are committed only through {@link BatchControl.commit}, never
 * automatically: a message whose processing did not finish is delivered again after a restart or rebalance.
 */
export async function runBatchConsumer(
  client: KafkaClient,
  options: BatchConsumerOptions,
  handle: (batch: ConsumedBatch, control: BatchControl) => Promise<void>,
): Promise<RunningConsumer> {
  const context = { topic: options.topic, groupId: options.groupId, brokers: client.brokers };
  const consumer: Consumer = client.kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: options.maxWaitMs,
    minBytes: options.minBytes,
    maxBytesPerPartition: options.maxBytesPerPartition,
    maxBytes: Math.max(options.maxBytesPerPartition * options.partitionsConcurrently, 10_485_760),
    allowAutoTopicCreation: false,
  });
  if (options.onCrash !== undefined) {
    const onCrash = options.onCrash;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) onCrash(payload.error);
    });
  }
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning });
  } catch (err: unknown) {
    await consumer.disconnect().catch(() => undefined);
    throw kafkaError('KAFKA_CONNECT_FAILED', 'cannot start the consumer', err, context);
  }
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConcurrently,
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs passes closures, typed as methods
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const messages = batch.messages.map((m): ConsumedMessage => ({
        offset: m.offset,
        key: m.key,
        value: m.value,
        timestampMs: Number(m.timestamp),
      }));
      await handle(
        { topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark },
        {
          async commit(offset) {
            resolveOffset(offset);
            await consumer.commitOffsets([
              { topic: batch.topic, partition: batch.partition, offset: (BigInt(offset) + 1n).toString() },
            ]);
          },
          heartbeat,
          isRunning: () => isRunning() && !isStale(),
        },
      );
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
    },
  };
}
