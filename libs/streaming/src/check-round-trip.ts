import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Partitioners, type Consumer, type Producer } from 'kafkajs';
import type { KafkaClient } from './create-kafka-client.js';
import { kafkaError } from './kafka-error.js';
import { UpstreamError } from '@lakehouse/runtime';

/** What {@link checkRoundTrip} produces and consumes. */
export interface RoundTripCheck {
  /** An existing topic (see `ensureTopic`). */
  readonly topic: string;
  /** Consumer group used to read the message back; a new group reads the topic from the beginning. */
  readonly groupId: string;
  /** Budget for the whole check: connect, produce, join the group, consume. @default 30_000 */
  readonly timeoutMs?: number;
  /** Value of the probe message; must be unique per check. @default a random UUID */
  readonly value?: string;
}

/** Where the probe message landed and how long the round trip took. */
export interface RoundTripResult {
  readonly partition: number;
  readonly offset: string;
  readonly elapsedMs: number;
}

async function produceProbe(
  producer: Producer,
  client: KafkaClient,
  topic: string,
  value: string,
): Promise<void> {
  try {
    await producer.connect();
  } catch (err: unknown) {
    throw kafkaError('KAFKA_CONNECT_FAILED', 'producer cannot connect', err, {
      topic,
      brokers: client.brokers,
    });
  }
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'round-trip', value }] });
  } catch (err: unknown) {
    throw kafkaError('KAFKA_PRODUCE_FAILED', `cannot produce to ${topic}`, err, {
      topic,
      brokers: client.brokers,
    });
  }
}

async function consumeProbe(
  consumer: Consumer,
  client: KafkaClient,
  check: RoundTripCheck,
  value: string,
): Promise<{ partition: number; offset: string }> {
  const context = { topic: check.topic, groupId: check.groupId, brokers: client.brokers };
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [check.topic], fromBeginning: true });
  } catch (err: unknown) {
    throw kafkaError('KAFKA_CONNECT_FAILED', 'consumer cannot join', err, context);
  }
  return new Promise((resolve, reject) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart)
        reject(
          kafkaError('KAFKA_CONSUME_FAILED', `consumer crashed on ${check.topic}`, payload.error, context),
        );
    });
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          if (message.value?.toString() === value) resolve({ partition, offset: message.offset });
        },
      })
      .catch((err: unknown) =>
        reject(kafkaError('KAFKA_CONSUME_FAILED', `cannot consume ${check.topic}`, err, context)),
      );
  });
}

/**
 * Produces one message with a unique value to `topic` and resolves once a consumer of `groupId` has read it back:
 * proof that the broker accepts writes and runs consumer groups. Rejects with a retryable `KAFKA_CONSUME_FAILED`
 * when the budget runs out, or with the connect/produce error that stopped it. Always disconnects.
 */
export async function checkRoundTrip(client: KafkaClient, check: RoundTripCheck): Promise<RoundTripResult> {
  const timeoutMs = check.timeoutMs ?? 30_000;
  const value = check.value ?? randomUUID();
  const startedAt = performance.now();
  const producer = client.kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  const consumer = client.kafka.consumer({ groupId: check.groupId, allowAutoTopicCreation: false });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UpstreamError(
            'KAFKA_CONSUME_FAILED',
            `round trip on ${check.topic} not seen within ${timeoutMs} ms`,
            {
              retryable: true,
              context: { topic: check.topic, groupId: check.groupId, brokers: client.brokers, timeoutMs },
            },
          ),
        ),
      timeoutMs,
    );
  });
  try {
    const seen = await Promise.race([
      (async () => {
        await produceProbe(producer, client, check.topic, value);
        return consumeProbe(consumer, client, check, value);
      })(),
      deadline,
    ]);
    return { ...seen, elapsedMs: Math.round(performance.now() - startedAt) };
  } finally {
    clearTimeout(timer);
    await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
  }
}
